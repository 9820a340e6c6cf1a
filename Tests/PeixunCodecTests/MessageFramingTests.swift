import PeixunTestSupport
import PeixunCodec
import Testing

/// A message is `type_id:u16le body_length:varint body`, alone in its frame.
@Suite("message framing")
struct MessageFramingTests {
    @Test("the header is the little-endian type id then the body length")
    func header() throws {
        let bytes = try Note(author: "党校", text: "").encoded()
        #expect(hexText(bytes) == "07 00 0a 06 e5 85 9a e6 a0 a1 00 00 00")
    }

    @Test("a body that ends early gives the later fields their zero values")
    func shortBody() throws {
        // Only the author: text "", no tags, no score.
        let note = try Note(decoding: hexBytes("07 00 03 02 41 42"))
        #expect(note == Note(author: "AB", text: ""))
        #expect(try Note(decoding: hexBytes("07 00 00")) == Note(author: "", text: ""))
    }

    @Test("fields appended by a newer writer are skipped")
    func longerBody() throws {
        // author "A", text "", tags [], score absent, then 3 unknown bytes.
        #expect(try Note(decoding: hexBytes("07 00 08 01 41 00 00 00 ff ff ff")) == Note(author: "A", text: ""))
    }

    @Test("a byte after the body is trailingBytes at its offset")
    func trailing() throws {
        let bytes = try Note(author: "A", text: "B").encoded()
        let error = try #require(expectFailure(Note.decoded(bytes + [0]), .trailingBytes, at: bytes.count))
        #expect(error.path == ["Note"])
    }

    @Test("another type id is unexpectedMessageType at offset 0")
    func wrongType() throws {
        var bytes = try Note(author: "A", text: "B").encoded()
        bytes[0] = 8
        let error = try #require(expectFailure(Note.decoded(bytes), .unexpectedMessageType, at: 0))
        #expect(error.detail == "type 8, expected 7")
        let peeked = ([0x07, 0x01, 0xFF] as [UInt8]).withUnsafeBytes { buffer in wireResult { try WireReader.peekTypeID(buffer) } }
        #expect(try peeked.get() == 0x0107)
    }

    @Test("frames shorter than a header are truncated", arguments: [[], [0x07]] as [[UInt8]])
    func shortHeader(bytes: [UInt8]) {
        expectFailure(Note.decoded(bytes), .truncated, at: 0)
    }

    @Test("a frame over 16 MiB is messageTooLarge before anything else is read")
    func tooLarge() {
        var bytes = [UInt8](repeating: 0, count: WireLimits.maxMessageBytes + 1)
        bytes[0] = 8
        expectFailure(Blob.decoded(bytes), .messageTooLarge, at: 0)
    }

    /// A `ChainMessage` whose chain is `levels` structs deep, built byte by byte (no recursion).
    static func chainBytes(levels: Int) -> [UInt8] {
        func varint(_ n: Int) -> [UInt8] { written { $0.writeVarint(UInt64(n)) } }
        var body: [UInt8] = [0x00]  // the innermost chain: an empty list
        for _ in 1..<levels { body = [0x01] + varint(body.count) + body }
        let messageBody = varint(body.count) + body
        return [0x09, 0x00] + varint(messageBody.count) + messageBody
    }

    @Test("hand-built chain bytes match what the writer produces")
    func chainBytesMatchWriter() throws {
        #expect(try ChainMessage(chain: Chain(depth: 3)).encoded() == Self.chainBytes(levels: 4))
    }

    @Test("structs may nest 32 levels below the message", arguments: [1, 2, 31, 32])
    func nestingAllowed(levels: Int) throws {
        let decoded = try ChainMessage(decoding: Self.chainBytes(levels: levels))
        #expect(decoded.chain.depth == levels - 1)
    }

    @Test("a 33rd level of nesting is nestingTooDeep, and 10,000 levels do not overflow the stack",
          arguments: [33, 34, 10_000])
    func nestingTooDeep(levels: Int) throws {
        let error = try #require(expectFailure(ChainMessage.decoded(Self.chainBytes(levels: levels)), .nestingTooDeep))
        #expect(error.path.prefix(2) == ["Chain", "next"])
    }
}
