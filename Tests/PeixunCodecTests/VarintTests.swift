import PeixunTestSupport
import PeixunCodec
import Testing

/// protocols/README.md, "Field types": unsigned LEB128, 1–10 bytes, minimal.
@Suite("varint")
struct VarintTests {
    static let boundaries: [(UInt64, String)] = [
        (0, "00"),
        (1, "01"),
        (127, "7f"),
        (128, "80 01"),
        (300, "ac 02"),
        (16383, "ff 7f"),
        (16384, "80 80 01"),
        (UInt64(UInt32.max), "ff ff ff ff 0f"),
        (1 << 63, "80 80 80 80 80 80 80 80 80 01"),
        (UInt64.max, "ff ff ff ff ff ff ff ff ff 01"),
    ]

    @Test("boundary values encode to their exact LEB128 bytes", arguments: boundaries)
    func encodesExactly(value: UInt64, hex: String) {
        #expect(hexText(written { $0.writeVarint(value) }) == hexText(hexBytes(hex)))
    }

    @Test("boundary values decode back from their bytes, consuming all of them", arguments: boundaries)
    func decodesExactly(value: UInt64, hex: String) throws {
        #expect(try readingAll(hexBytes(hex)) { try $0.readVarint() }.get() == value)
    }

    @Test("UInt64.max takes exactly ten bytes")
    func maxIsTenBytes() {
        #expect(written { $0.writeVarint(.max) }.count == 10)
    }

    @Test("an eleven-byte varint is integerOverflow, reported at its first byte")
    func elevenBytes() {
        expectFailure(reading(hexBytes("00 ff ff ff ff ff ff ff ff ff 81 01")) { r in
            _ = try r.readByte()
            return try r.readVarint()
        }, .integerOverflow, at: 1)
        expectFailure(reading(hexBytes("80 80 80 80 80 80 80 80 80 80 01")) { try $0.readVarint() }, .integerOverflow, at: 0)
    }

    @Test("a tenth byte above 1 would need more than 64 bits: integerOverflow", arguments: ["02", "03", "7f"])
    func tenthByteTooLarge(last: String) {
        let input = hexBytes("ff ff ff ff ff ff ff ff ff " + last)
        expectFailure(reading(input) { try $0.readVarint() }, .integerOverflow, at: 0)
    }

    @Test("a zero last byte is a non-minimal encoding", arguments: ["80 00", "ff 00", "81 80 00", "80 80 80 80 80 80 80 80 80 00"])
    func nonMinimal(hex: String) {
        expectFailure(reading(hexBytes(hex)) { try $0.readVarint() }, .nonMinimalVarint, at: 0)
    }

    @Test("a single 00 byte is the minimal encoding of zero, not a non-minimal one")
    func zeroIsMinimal() throws {
        #expect(try readingAll([0]) { try $0.readVarint() }.get() == 0)
    }

    @Test("a varint cut off before its last byte is truncated", arguments: ["", "80", "ff ff", "ff ff ff ff ff ff ff ff ff"])
    func truncated(hex: String) {
        expectFailure(reading(hexBytes(hex)) { try $0.readVarint() }, .truncated, at: 0)
    }

    @Test("a varint is not read past the end of the struct that contains it")
    func boundedByStruct() {
        // A struct of 1 byte holding `80`, followed by `01` outside it: the varint must not
        // borrow the outer byte.
        expectFailure(reading(hexBytes("01 80 01")) { r in
            let outer = try r.enterStruct()
            let value = try r.readVarint()
            r.leaveStruct(outer)
            return value
        }, .truncated, at: 1)
    }

    @Test("every value written is read back identically (seeded sweep over all bit widths)")
    func sweep() throws {
        var generator = SplitMix64(seed: 0x5EED_0001)
        for shift in 0..<64 {
            for _ in 0..<64 {
                let value = (generator.next() as UInt64) >> shift
                let bytes = written { $0.writeVarint(value) }
                let significantBits = 64 - value.leadingZeroBitCount
                #expect(bytes.count == max(1, (significantBits + 6) / 7), "value \(value)")
                #expect(bytes.last != 0 || bytes == [0], "value \(value) → \(hexText(bytes))")
                #expect(try readingAll(bytes) { try $0.readVarint() }.get() == value, "value \(value)")
            }
        }
    }
}
