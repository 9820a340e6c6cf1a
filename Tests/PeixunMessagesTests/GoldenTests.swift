import PeixunTestSupport
import Foundation
import PeixunCodec
import PeixunMessages
import Testing

/// Golden vectors: the committed bytes of one representative value of every message type, in
/// Tests/PeixunMessagesTests/Golden/<family>.<Message>.hex. An encoder change that alters any
/// byte fails here, even when encoder and decoder still agree with each other.
///
/// To write them (after an intended format change, or for a new message type):
/// `PEIXUN_WRITE_GOLDEN=1 swift test --filter GoldenTests`, then review and commit the files.
@Suite("golden vectors")
struct GoldenTests {
    static let writing = ProcessInfo.processInfo.environment["PEIXUN_WRITE_GOLDEN"] == "1"
    static let regenerate = "PEIXUN_WRITE_GOLDEN=1 swift test --filter GoldenTests"

    static func fileText(_ entry: MessageCase, _ bytes: [UInt8]) -> String {
        "# \(entry.family).\(entry.name) (type \(entry.typeID)), \(bytes.count) bytes; written by: \(regenerate)\n"
            + hexText(bytes, perLine: 16) + "\n"
    }

    @Test("encoding the representative gives exactly the golden bytes, and the golden bytes decode to it",
          arguments: Catalog.all)
    func golden(entry: MessageCase) throws {
        let value = try #require(entry.representatives.first)
        let bytes = value.bytes()
        let url = Paths.golden.appendingPathComponent(entry.goldenFileName)
        if Self.writing {
            try FileManager.default.createDirectory(at: Paths.golden, withIntermediateDirectories: true)
            try Self.fileText(entry, bytes).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(Paths.relative(url)); write it with: \(Self.regenerate)")
            return
        }
        let golden = try #require(parseHex(text), "\(Paths.relative(url)) is not hex")
        #expect(hexText(bytes, perLine: 16) == hexText(golden, perLine: 16),
                "\(entry.name) encodes differently from \(Paths.relative(url))")
        let owned = try entry.decodeOwned(golden).get()
        #expect(sameMessage(owned, value), "\(Paths.relative(url)) decodes to \(owned)")
        let viewed = try entry.decodeView(golden).get()
        #expect(sameMessage(viewed, value))
    }

    @Test("every golden file belongs to a message type under test")
    func noStrayFiles() throws {
        guard !Self.writing else { return }
        let expected = Set(Catalog.all.map(\.goldenFileName))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Paths.golden.path).filter { $0.hasSuffix(".hex") })
        #expect(present.subtracting(expected).isEmpty, "stray golden files: \(present.subtracting(expected).sorted())")
    }

    @Test("the version 1 golden roster entry reads as version 2, and the version 2 one as version 1")
    func evolutionGoldenCross() throws {
        guard !Self.writing else { return }
        func golden(_ name: String) throws -> [UInt8] {
            let url = Paths.golden.appendingPathComponent(name)
            return try #require(parseHex(String(contentsOf: url, encoding: .utf8)))
        }
        let v1Bytes = try golden("evolution_a.RosterEntryV1.hex")
        let v2Bytes = try golden("evolution_b.RosterEntryV2.hex")
        let v2FromV1 = try RosterEntryV2(decoding: v1Bytes)
        #expect(v2FromV1 == RosterEntryV2(
            member: IDs.member, name: "张伟",
            sessions: [SessionB(lesson: EvolutionSamples.lessonA, minutes: 90), SessionB(lesson: EvolutionSamples.lessonB, minutes: 45)],
            primary: SessionB(lesson: EvolutionSamples.lessonA, minutes: 90)))
        let v1FromV2 = try RosterEntryV1(decoding: v2Bytes)
        #expect(v1FromV2 == RosterEntryV1(
            member: IDs.member, name: "张伟", hours: 0,
            sessions: [SessionA(lesson: EvolutionSamples.lessonA, minutes: 90), SessionA(lesson: EvolutionSamples.lessonB, minutes: 45)],
            primary: SessionA(lesson: EvolutionSamples.lessonA, minutes: 90)))
    }
}
