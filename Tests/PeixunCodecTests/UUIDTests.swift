import PeixunTestSupport
import PeixunCodec
import Testing

/// uuid: 16 bytes in the order of the text form's hex digits (RFC 9562).
@Suite("uuid")
struct UUIDTests {
    static let sample = "00112233-4455-6677-8899-aabbccddeeff"

    @Test("the wire bytes are the text form's hex digits in order")
    func byteOrder() throws {
        let uuid = try #require(WireUUID(Self.sample))
        #expect(hexText(written { $0.writeUUID(uuid) }) == "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff")
        #expect(uuid.bytes == hexBytes("00112233445566778899aabbccddeeff"))
        #expect(uuid.high == 0x0011_2233_4455_6677)
        #expect(uuid.low == 0x8899_AABB_CCDD_EEFF)
    }

    @Test("reading 16 bytes gives the uuid whose text has those digits")
    func reads() throws {
        let bytes = hexBytes("f8 1d 4f ae 7d ec 11 d0 a7 65 00 a0 c9 1e 6b f6")
        let uuid = try readingAll(bytes) { try $0.readUUID() }.get()
        #expect(uuid.description == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
    }

    @Test("fewer than 16 bytes is truncated")
    func truncated() {
        expectFailure(reading([UInt8](repeating: 0xAB, count: 15)) { try $0.readUUID() }, .truncated, at: 0)
    }

    @Test("text parses in either case and prints in lower case")
    func text() throws {
        let upper = try #require(WireUUID("F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"))
        let lower = try #require(WireUUID("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"))
        #expect(upper == lower)
        #expect(upper.description == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
        #expect(WireUUID.zero.description == "00000000-0000-0000-0000-000000000000")
        #expect(WireUUID("ffffffff-ffff-ffff-ffff-ffffffffffff") == WireUUID(high: .max, low: .max))
    }

    static let invalidTexts = [
        "",
        "00112233445566778899aabbccddeeff",  // no dashes
        "00112233-4455-6677-8899-aabbccddeef",  // 35 characters
        "00112233-4455-6677-8899-aabbccddeeff0",  // 37 characters
        "0011223-34455-6677-8899-aabbccddeeff",  // dash in the wrong place
        "00112233-4455-6677-8899-aabbccddeefg",  // not a hex digit
        "00112233_4455_6677_8899_aabbccddeeff",  // wrong separator
        "{00112233-4455-6677-8899-aabbccddee}",  // braces
        "00112233-4455-6677-8899-aabbccddee中",  // non-ASCII
        "+0112233-4455-6677-8899-aabbccddeeff",  // sign
        " 0112233-4455-6677-8899-aabbccddeeff",  // space
        "00112233-4455-6677-8899--abbccddeeff",  // dash as a digit
    ]

    @Test("malformed texts are rejected", arguments: invalidTexts)
    func invalidText(text: String) {
        #expect(WireUUID(text) == nil)
    }

    @Test("text → uuid → text is the identity on lower-case texts (seeded)")
    func textRoundTrip() throws {
        var generator = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<500 {
            let uuid = WireUUID(high: generator.next(), low: generator.next())
            let text = uuid.description
            #expect(text.count == 36)
            #expect(WireUUID(text) == uuid, "\(text)")
            #expect(try readingAll(written { $0.writeUUID(uuid) }) { try $0.readUUID() }.get() == uuid)
        }
    }

    @Test("random uuids are version 4, variant 10")
    func randomVersion() {
        var generator = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<200 {
            let bytes = WireUUID.random(using: &generator).bytes
            #expect(bytes[6] >> 4 == 4)
            #expect(bytes[8] >> 6 == 0b10)
        }
        #expect(WireUUID.random() != WireUUID.random())
    }

    @Test("time-ordered uuids are version 7, variant 10, carry their millisecond, and sort by it")
    func timeOrdered() {
        let start = WireTimestamp(microsecondsSinceEpoch: 1_796_693_715_649_359)
        var previous = WireUUID.zero
        for step in 0..<200 {
            let time = WireTimestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + Int64(step) * 1_000)
            let uuid = WireUUID.timeOrdered(at: time)
            let bytes = uuid.bytes
            #expect(bytes[6] >> 4 == 7)
            #expect(bytes[8] >> 6 == 0b10)
            #expect(Int64(uuid.high >> 16) == time.microsecondsSinceEpoch / 1_000, "the first 48 bits are the Unix milliseconds")
            #expect(uuid > previous, "a later millisecond sorts after")
            previous = uuid
        }
        #expect(WireUUID.timeOrdered(at: start) != WireUUID.timeOrdered(at: start), "74 random bits within one millisecond")
    }
}
