import PeixunTestSupport
import PeixunCodec
import Testing

/// Lengths and counts are checked against the limits and the bytes left before anything is read
/// or allocated (protocols/README.md, "Limits").
@Suite("length and count limits")
struct LengthLimitTests {
    static func varint(_ value: Int) -> [UInt8] { written { $0.writeVarint(UInt64(value)) } }

    @Test("a string length over 1 MiB is stringTooLong even though its bytes are not there")
    func stringTooLong() {
        // Only the length prefix: if the limit were checked after the bounds, this would say
        // `truncated`; stringTooLong proves the length was refused first.
        let error = expectFailure(reading(Self.varint(WireLimits.maxStringBytes + 1)) { try $0.readString() },
                                  .stringTooLong, at: 0)
        #expect(error?.detail.contains("\(WireLimits.maxStringBytes + 1)") == true)
        expectFailure(reading(hexBytes("ff ff ff ff ff ff ff ff ff 01")) { try $0.readStringView() }, .stringTooLong, at: 0)
    }

    @Test("a string of exactly 1 MiB is allowed")
    func stringAtLimit() throws {
        let input = Self.varint(WireLimits.maxStringBytes) + [UInt8](repeating: 0x61, count: WireLimits.maxStringBytes)
        #expect(try readingAll(input) { try $0.readString() }.get().utf8.count == WireLimits.maxStringBytes)
    }

    @Test("a string whose length runs past the end is truncated, at the length's offset")
    func stringPastEnd() {
        expectFailure(reading([0x09] + hexBytes("05 61 62")) { r in
            _ = try r.readByte()
            return try r.readString()
        }, .truncated, at: 1)
    }

    @Test("a string whose length runs past its enclosing struct is truncated, though the frame has the bytes")
    func stringPastStruct() {
        // Struct of 3 bytes: a string claiming 5 bytes; the outer buffer has them.
        expectFailure(reading(hexBytes("03 05 61 62 63 64 65")) { r in
            let outer = try r.enterStruct()
            let value = try r.readString()
            r.leaveStruct(outer)
            return value
        }, .truncated, at: 1)
    }

    @Test("a bytes field over 16 MiB is bytesTooLong before anything is read")
    func bytesTooLong() {
        expectFailure(reading(Self.varint(WireLimits.maxBytesLength + 1)) { try $0.readBytes() }, .bytesTooLong, at: 0)
        expectFailure(reading(hexBytes("04 01 02 03")) { try $0.readBytes() }, .truncated, at: 0)
    }

    @Test("a list count larger than the bytes left is listTooLong, before any element is read")
    func listCountOverRemaining() throws {
        expectFailure(reading(hexBytes("03 01 00")) { try $0.listField(BoolCodec.self) }, .listTooLong, at: 0)
        #expect(try readingAll(hexBytes("03 01 00 01")) { try $0.listField(BoolCodec.self) }.get() == [true, false, true])
    }

    @Test("a list count is compared with the bytes left in its struct, not in the frame")
    func listCountBoundedByStruct() {
        expectFailure(reading(hexBytes("02 05 01 01 01 01 01 01")) { r in
            let outer = try r.enterStruct()
            let value = try r.listField(BoolCodec.self)
            r.leaveStruct(outer)
            return value
        }, .listTooLong, at: 1)
    }

    @Test("a list count above 1<<20 is listTooLong even when that many bytes follow")
    func listCountOverLimit() {
        let count = WireLimits.maxListCount + 1
        let input = Self.varint(count) + [UInt8](repeating: 0x01, count: count)
        let error = expectFailure(reading(input) { try $0.listField(BoolCodec.self) }, .listTooLong, at: 0)
        #expect(error?.detail.contains("\(WireLimits.maxListCount)") == true)
        expectFailure(reading(hexBytes("ff ff ff ff ff ff ff ff ff 01")) { try $0.readListCount() }, .listTooLong, at: 0)
    }

    @Test("a list of exactly 1<<20 one-byte elements is allowed")
    func listAtLimit() throws {
        let count = WireLimits.maxListCount
        let input = Self.varint(count) + [UInt8](repeating: 0x00, count: count)
        #expect(try readingAll(input) { try $0.listField(BoolCodec.self) }.get().count == count)
    }

    @Test("a struct length past its enclosing region is truncated")
    func structPastEnd() {
        expectFailure(reading(hexBytes("05 01 02")) { try $0.enterStruct() }, .truncated, at: 0)
    }

    @Test("a struct ends where its length says: unread fields inside are skipped")
    func structSkipsRest() throws {
        let value = try readingAll(hexBytes("03 2a 63 64 07")) { r in
            let outer = try r.enterStruct()
            let first = try r.readVarint()
            r.leaveStruct(outer)
            return (first, try r.readVarint())
        }.get()
        #expect(value.0 == 42)
        #expect(value.1 == 7)
    }
}
