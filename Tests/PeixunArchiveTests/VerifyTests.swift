import Foundation
import PeixunArchive
import PeixunCodec
import PeixunMessages
import Testing

@Suite("verify recomputes every chain and root and names each break")
struct VerifyTests {
    static func filled() throws -> ArchiveFixture {
        let archive = try ArchiveFixture()
        try SealingTests.march(archive)
        try archive.apply(World.completed(World.zhang, World.plainClass, World.plainPeriod, hours: 2), at: World.march(plus: 90_000))
        try archive.apply(World.enrolled(World.ouyang, World.plainClass, World.plainPeriod), at: World.april)
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.april)
        return archive
    }

    @Test("an untouched archive is intact")
    func intact() throws {
        let report = try Self.filled().verify()
        #expect(report.intact, "\(report.breaks) \(report.rootBreaks)")
        #expect(report.members == 3)
        #expect(report.entries == 8)
        #expect(report.roots == 2)
    }

    @Test("a changed row is caught: verify names the member, the entry and the field that differs")
    func changedEntry() throws {
        let archive = try Self.filled()
        // 张伟's enrollment lane: 1 enrolled, 2 checked in, 3 completed (2 hours). Make it 8.
        try archive.execute("UPDATE entries SET credit_hours = 8 WHERE entry = 3 AND lane = 1")
        let report = try archive.verify()
        #expect(!report.intact)
        let broken = try #require(report.breaks.first)
        #expect(broken.memberNumber == "GD-0001")
        #expect(broken.memberName == "张伟")
        #expect(broken.lane == "enrollment")
        #expect(broken.entry == 3)
        #expect(report.breaks.map(\.problem).contains { $0.contains("creditHours: now 8.0, filed as 2.0") })
        #expect(report.breaks.map(\.problem).contains { $0.contains("hashes to") })
        #expect(Set(report.breaks.map(\.entry)) == [3], "only the changed entry is named")
    }

    @Test("a rewritten hash breaks its entry, the link of the next entry and the sealed root over it")
    func rewrittenHash() throws {
        let archive = try Self.filled()
        // 张伟's scoring lane: 1 the March score (his head at the end of March), 2 the April exam.
        try archive.execute(
            "UPDATE entries SET hash = zeroblob(32) WHERE entry = 1 AND lane = 2 AND member_id = (SELECT id FROM members WHERE number = 'GD-0001')")
        let report = try archive.verify()
        #expect(report.breaks.contains { $0.lane == "scoring" && $0.entry == 1 && $0.problem.contains("hashes to") })
        #expect(report.breaks.contains { $0.lane == "scoring" && $0.entry == 2 && $0.problem.contains("previous hash") })
        #expect(report.rootBreaks.map(\.month) == ["2024-03"])
        #expect(report.rootBreaks.first?.committeeCode == "442000-XL")
    }

    @Test("a deleted entry is caught where the chain jumps")
    func deletedEntry() throws {
        let archive = try Self.filled()
        try archive.execute("DELETE FROM entries WHERE entry = 2 AND lane = 1")
        let report = try archive.verify()
        #expect(report.breaks.contains { $0.memberNumber == "GD-0001" && $0.entry == 3 && $0.problem.contains("expected entry 2") })
    }

    @Test("a chain cut short is caught: its last entries were filed but are missing from the store")
    func truncatedChain() throws {
        let archive = try Self.filled()
        try archive.execute(
            "DELETE FROM entries WHERE lane = 2 AND entry = 2 AND member_id = (SELECT id FROM members WHERE number = 'GD-0001')")
        let report = try archive.verify()
        #expect(report.breaks.count == 1)
        #expect(report.breaks.first?.memberNumber == "GD-0001")
        #expect(report.breaks.first?.lane == "scoring")
        #expect(report.breaks.first?.entry == 2)
        #expect(report.breaks.first?.problem.contains("missing from the store") == true)
    }
}
