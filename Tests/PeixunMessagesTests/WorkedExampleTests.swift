import PeixunTestSupport
import Foundation
import PeixunCodec
import PeixunMessages
import Testing

/// protocols/README.md, "Worked example": the documented bytes are the real bytes.
@Suite("README worked example")
struct WorkedExampleTests {
    static let request = ClientRequest(
        service: "enrollment", requestID: uuid("00112233-4455-6677-8899-aabbccddeeff"), timeoutMilliseconds: 3000, partitionKey: "ZS")
    /// The example's bytes, counted by hand: "enrollment" is 10 bytes, so the body is
    /// 1 + 10 + 16 + 2 + 3 = 32 bytes (20) and the message 2 + 1 + 32 = 35 bytes.
    static let expected = """
        64 00
        20
        0a 65 6e 72 6f 6c 6c 6d 65 6e 74
        00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff
        b8 17
        02 5a 53
        """
    /// The same request from a client older than field 4: body length 29, no key.
    static let beforePartitionKey = """
        64 00 1d 0a 65 6e 72 6f 6c 6c 6d 65 6e 74
        00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff b8 17
        """

    static func readme() throws -> String {
        try String(contentsOf: Paths.protocols.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The hex at the start of each line of the README's worked-example code block.
    static func readmeBytes() throws -> [UInt8] {
        let section = try #require(try readme().components(separatedBy: "## Worked example").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        var bytes: [UInt8] = []
        for line in block.split(separator: "\n") {
            for word in line.split(separator: " ") {
                guard word.count == 2, let byte = UInt8(word, radix: 16) else { break }
                bytes.append(byte)
            }
        }
        return bytes
    }

    @Test("the worked example's ClientRequest encodes to type id, body length 32 and its four fields")
    func encodes() throws {
        let bytes = Self.request.bytes()
        #expect(hexText(bytes) == hexText(try #require(parseHex(Self.expected))))
        #expect(bytes.count == 35)
    }

    @Test("an older client's request, without the partition key, decodes with an empty key")
    func decodesWithoutPartitionKey() throws {
        var older = Self.request
        older.partitionKey = ""
        #expect(try ClientRequest(decoding: #require(parseHex(Self.beforePartitionKey))) == older)
    }

    @Test("the worked example's bytes decode to its ClientRequest")
    func decodes() throws {
        #expect(try ClientRequest(decoding: #require(parseHex(Self.expected))) == Self.request)
    }

    @Test("protocols/README.md shows exactly the encoder's bytes and counts them right")
    func readmeMatches() throws {
        let bytes = Self.request.bytes()
        let documented = try Self.readmeBytes()
        #expect(hexText(documented) == hexText(bytes), "the worked example's hex in protocols/README.md")
        let readme = try Self.readme()
        let statesSize = readme.contains("encodes to \(bytes.count) bytes")
        let statesBodyLength = readme.contains("body length \(bytes.count - 3)")
        #expect(statesSize, "protocols/README.md should say the example \"encodes to \(bytes.count) bytes\"")
        #expect(statesBodyLength, "protocols/README.md should say \"body length \(bytes.count - 3)\"")
    }

    @Test("\"党校\" is 06 e5 85 9a e6 a0 a1, as the README says")
    func chineseString() throws {
        var writer = WireWriter()
        writer.writeString("党校")
        #expect(hexText(writer.bytes) == "06 e5 85 9a e6 a0 a1")
        let readme = try Self.readme()
        #expect(readme.contains("`\"党校\"` is `06 e5 85 9a e6 a0 a1`"))
        // The same bytes as a field: BrokerDisconnect (122) with reason "党校".
        #expect(hexText(BrokerDisconnect(reason: "党校").bytes()) == "7a 00 07 06 e5 85 9a e6 a0 a1")
    }
}
