import PeixunTestSupport
import PeixunCodec
import Testing

/// Signed integers are zigzag varints; every integer field checks that the value fits its type.
@Suite("zigzag and narrowing")
struct ZigzagAndNarrowingTests {
    static let zigzag: [(Int64, String)] = [
        (0, "00"),
        (-1, "01"),
        (1, "02"),
        (-2, "03"),
        (2, "04"),
        (-64, "7f"),
        (64, "80 01"),
        (Int64.max, "fe ff ff ff ff ff ff ff ff 01"),
        (Int64.min, "ff ff ff ff ff ff ff ff ff 01"),
    ]

    @Test("zigzag maps 0, -1, 1, -2 … to 0, 1, 2, 3 … and the extremes to ten bytes", arguments: zigzag)
    func encodes(value: Int64, hex: String) {
        #expect(hexText(written { $0.writeSigned(value) }) == hexText(hexBytes(hex)))
    }

    @Test("zigzag bytes decode back to the signed value", arguments: zigzag)
    func decodes(value: Int64, hex: String) throws {
        #expect(try readingAll(hexBytes(hex)) { try $0.readSigned(Int64.self) }.get() == value)
    }

    @Test("300 read as a u8 is integerOverflow at the varint's offset, and fits a u16")
    func u8Overflow() throws {
        let input: [UInt8] = [0x01] + hexBytes("ac 02")
        expectFailure(reading(input) { r in
            _ = try r.readByte()
            return try r.readUnsigned(UInt8.self)
        }, .integerOverflow, at: 1)
        #expect(try readingAll(hexBytes("ac 02")) { try $0.readUnsigned(UInt16.self) }.get() == 300)
    }

    @Test("the largest value of each unsigned type fits; one more overflows")
    func unsignedEdges() throws {
        func check<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws {
            let max = written { $0.writeVarint(UInt64(T.max)) }
            #expect(try readingAll(max) { try $0.readUnsigned(T.self) }.get() == T.max)
            if T.bitWidth < 64 {
                let over = written { $0.writeVarint(UInt64(T.max) + 1) }
                expectFailure(reading(over) { try $0.readUnsigned(T.self) }, .integerOverflow, at: 0)
            }
        }
        try check(UInt8.self)
        try check(UInt16.self)
        try check(UInt32.self)
        try check(UInt64.self)
    }

    @Test("Int32.min and Int32.max fit an i32; one beyond either end is integerOverflow")
    func i32Range() throws {
        for inside in [Int64(Int32.min), Int64(Int32.max)] {
            let bytes = written { $0.writeSigned(inside) }
            #expect(try readingAll(bytes) { try $0.readSigned(Int32.self) }.get() == Int32(inside))
        }
        for outside in [Int64(Int32.min) - 1, Int64(Int32.max) + 1, Int64.min, Int64.max] {
            let bytes = written { $0.writeSigned(outside) }
            expectFailure(reading(bytes) { try $0.readSigned(Int32.self) }, .integerOverflow, at: 0)
        }
    }

    @Test("i8 and i16 reject values outside their ranges")
    func smallSigned() throws {
        #expect(try readingAll(written { $0.writeSigned(-128) }) { try $0.readSigned(Int8.self) }.get() == -128)
        expectFailure(reading(written { $0.writeSigned(128) }) { try $0.readSigned(Int8.self) }, .integerOverflow)
        expectFailure(reading(written { $0.writeSigned(-32769) }) { try $0.readSigned(Int16.self) }, .integerOverflow)
    }

    @Test("an enum value above u32 is integerOverflow, an undefined one is unknownEnumValue")
    func enumRange() {
        let over = written { $0.writeVarint(UInt64(UInt32.max) + 1) }
        expectFailure(reading(over) { r in try r.readEnum { $0 == 1 ? "one" : nil } }, .integerOverflow, at: 0)
        expectFailure(reading([0x07, 0x02]) { r in
            _ = try r.readByte()
            return try r.readEnum { $0 == 1 ? "one" : nil }
        }, .unknownEnumValue, at: 1)
    }
}
