import PeixunTestSupport
import PeixunCodec
import Testing

/// bool, presence bytes, f64 and timestamp: the fixed-width values.
@Suite("bool, presence, f64, timestamp")
struct FixedWidthTests {
    @Test("bool is one byte: 00 false, 01 true")
    func bools() throws {
        #expect(written { $0.writeBool(false) } == [0x00])
        #expect(written { $0.writeBool(true) } == [0x01])
        #expect(try readingAll([0x00]) { try $0.readBool() }.get() == false)
        #expect(try readingAll([0x01]) { try $0.readBool() }.get() == true)
    }

    @Test("a bool byte other than 00/01 is invalidBool at that byte", arguments: [0x02, 0x80, 0xff] as [UInt8])
    func invalidBool(byte: UInt8) {
        expectFailure(reading([0x01, byte]) { r in
            _ = try r.readBool()
            return try r.readBool()
        }, .invalidBool, at: 1)
    }

    @Test("an optional's presence byte 02 is invalidOptionalTag, not a value")
    func invalidPresence() {
        expectFailure(reading([0x02, 0x01]) { try $0.optionalField(BoolCodec.self) }, .invalidOptionalTag, at: 0)
    }

    @Test("an optional is 00 when absent, 01 then the value when present")
    func optionals() throws {
        #expect(written { $0.optionalField(UInt32?.none, UnsignedCodec<UInt32>.self) } == [0x00])
        #expect(written { $0.optionalField(UInt32(300), UnsignedCodec<UInt32>.self) } == hexBytes("01 ac 02"))
        #expect(try readingAll([0x00]) { try $0.optionalField(UnsignedCodec<UInt32>.self) }.get() == nil)
        #expect(try readingAll(hexBytes("01 ac 02")) { try $0.optionalField(UnsignedCodec<UInt32>.self) }.get() == 300)
    }

    @Test("f64 is eight little-endian bytes of the IEEE 754 pattern")
    func doubleLayout() {
        #expect(hexText(written { $0.writeDouble(1.0) }) == "00 00 00 00 00 00 f0 3f")
        #expect(hexText(written { $0.writeDouble(-2.5) }) == "00 00 00 00 00 00 04 c0")
    }

    static let specialPatterns: [UInt64] = [
        0x7FF8_0000_0000_0000,  // quiet NaN
        0x7FF8_0000_DEAD_BEEF,  // quiet NaN with payload
        0xFFF8_0000_0000_0001,  // negative NaN with payload
        0x7FF0_0000_0000_0001,  // signalling NaN
        0x7FF0_0000_0000_0000,  // +infinity
        0xFFF0_0000_0000_0000,  // -infinity
        0x8000_0000_0000_0000,  // -0.0
        0x0000_0000_0000_0001,  // smallest subnormal
    ]

    @Test("every f64 bit pattern, NaN payloads and infinities included, survives bit for bit", arguments: specialPatterns)
    func doubleBits(pattern: UInt64) throws {
        let bytes = written { $0.writeDouble(Double(bitPattern: pattern)) }
        #expect(bytes == (0..<8).map { UInt8(truncatingIfNeeded: pattern >> (8 * $0)) })
        let back = try readingAll(bytes) { try $0.readDouble() }.get()
        #expect(back.bitPattern == pattern)
    }

    @Test("an f64 with fewer than eight bytes left is truncated")
    func doubleTruncated() {
        expectFailure(reading([0, 0, 0, 0, 0, 0, 0]) { try $0.readDouble() }, .truncated, at: 0)
    }

    @Test("a timestamp is the i64 microseconds, little-endian two's complement, negatives included")
    func timestamps() throws {
        let cases: [(Int64, String)] = [
            (0, "00 00 00 00 00 00 00 00"),
            (-1, "ff ff ff ff ff ff ff ff"),
            (1_709_281_800_000_000, "00 92 82 2e 95 12 06 00"),
            (-86_400_000_000, "00 a0 28 e2 eb ff ff ff"),
            (Int64.min, "00 00 00 00 00 00 00 80"),
            (Int64.max, "ff ff ff ff ff ff ff 7f"),
        ]
        for (micros, hex) in cases {
            let value = WireTimestamp(microsecondsSinceEpoch: micros)
            #expect(hexText(written { $0.writeTimestamp(value) }) == hex, "\(micros)")
            #expect(try readingAll(hexBytes(hex)) { try $0.readTimestamp() }.get() == value)
        }
    }

    @Test("a timestamp prints as ISO 8601 UTC with microseconds, before 1970 too")
    func timestampText() {
        #expect(WireTimestamp(microsecondsSinceEpoch: 0).description == "1970-01-01T00:00:00.000000Z")
        #expect(WireTimestamp(microsecondsSinceEpoch: 1_709_281_800_000_000).description == "2024-03-01T08:30:00.000000Z")
        #expect(WireTimestamp(microsecondsSinceEpoch: -1).description == "1969-12-31T23:59:59.999999Z")
        #expect(WireTimestamp(microsecondsSinceEpoch: -1_000_000).description == "1969-12-31T23:59:59.000000Z")
        #expect(WireTimestamp(microsecondsSinceEpoch: -86_400_000_000).description == "1969-12-31T00:00:00.000000Z")
    }

    @Test("any eight bytes are a timestamp that can be printed, the extremes included")
    func timestampExtremesPrint() {
        // Decoded from untrusted input and then logged: printing must not trap.
        #expect(WireTimestamp(microsecondsSinceEpoch: .max).description == "294247-01-10T04:00:54.775807Z")
        #expect(WireTimestamp(microsecondsSinceEpoch: .min).description.hasSuffix("T19:59:05.224192Z"))
    }
}
