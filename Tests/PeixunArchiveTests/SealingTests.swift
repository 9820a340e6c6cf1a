import Foundation
import PeixunArchive
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import Testing

@Suite("Each committee's cabinet gets a monthly root over its members' chain heads")
struct SealingTests {
    /// March entries for 张伟 and 欧阳娜娜 (小榄镇) and 李强 (古镇镇) from both streams.
    static func march(_ archive: ArchiveFixture) throws {
        try archive.makeWorld()
        for member in [World.zhang, World.ouyang, World.li] { try archive.apply(World.enrolled(member)) }
        try archive.apply(World.checkedIn(World.zhang), at: World.march(plus: 600))
        try archive.apply(World.scored(World.zhang), from: "scoring", at: World.march(plus: 7_300))
    }

    @Test("a month is sealed once every followed stream has delivered an event of a later month, not before")
    func automaticSeal() throws {
        let archive = try ArchiveFixture()
        try Self.march(archive)
        try archive.apply(World.enrolled(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        #expect(try archive.published(MonthlyRootSealed.self).isEmpty, "scoring has not reached April yet")
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.april)
        let sealed = try archive.published(MonthlyRootSealed.self)
        #expect(sealed.map(\.committeeCode) == ["442000-XL", "442000-GZ"], "committees in id order")
        #expect(sealed.map(\.month) == ["2024-03", "2024-03"])
        #expect(sealed.first { $0.committee == World.town }?.members == 2)
        #expect(sealed.first { $0.committee == World.otherTown }?.members == 1)
    }

    @Test("the root is the Merkle root over (member, head at the month's end) sorted by member id, as documented")
    func rootDefinition() throws {
        let archive = try ArchiveFixture()
        try Self.march(archive)
        let zhang = try archive.ask(ShowTranscript(memberNumber: "GD-0001"), as: Transcript.self)
        let ouyang = try archive.ask(ShowTranscript(memberNumber: "GD-0002"), as: Transcript.self)
        // April entries must not change March's root.
        try archive.apply(World.completed(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.april)
        let root = try #require(try archive.published(MonthlyRootSealed.self).first { $0.committee == World.town })
        #expect(root.root == ArchiveHash.merkleRoot([(World.ouyang, ouyang.head), (World.zhang, zhang.head)]))
        #expect(zhang.head == ArchiveHash.memberHead(enrollment: zhang.entries[1].hash, scoring: zhang.entries[2].hash))
        #expect(ouyang.head == ArchiveHash.memberHead(enrollment: ouyang.entries[0].hash, scoring: nil))
    }

    @Test("the Merkle tree: leaves 0x00‖member‖head, nodes 0x01‖left‖right, an odd last node goes up unchanged")
    func merkleShape() {
        let one = (World.zhang, [UInt8](repeating: 1, count: 32))
        let two = (World.ouyang, [UInt8](repeating: 2, count: 32))
        let three = (World.li, [UInt8](repeating: 3, count: 32))
        #expect(ArchiveHash.merkleRoot([]) == [])
        #expect(ArchiveHash.merkleRoot([one, two]) == ArchiveHash.merkleRoot([two, one]), "sorted by member id first")
        #expect(ArchiveHash.merkleRoot([one, two, three]) != ArchiveHash.merkleRoot([one, two]))
        #expect(ArchiveHash.merkleRoot([one]).count == 32)
    }

    @Test("SealMonth seals an ended month by hand with the same root automatic sealing gives")
    func sealByHand() throws {
        let archive = try ArchiveFixture(settings: ArchiveSettings(followedStreams: ["enrollment", "scoring"]))
        try Self.march(archive)
        try archive.apply(World.enrolled(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        guard case .accepted(let result) = try archive.command(SealMonth(committeeCode: "442000-XL", month: "2024-03")) else {
            Issue.record("SealMonth was refused")
            return
        }
        let byHand = try MonthlyRootSealed(decoding: result)
        let automatic = try ArchiveFixture()
        try Self.march(automatic)
        try automatic.apply(World.enrolled(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        try automatic.apply(World.exam(World.zhang), from: "scoring", at: World.april)
        let sealed = try #require(try automatic.published(MonthlyRootSealed.self).first { $0.committee == World.town })
        #expect(byHand.root == sealed.root)
        #expect(byHand.members == 2)
        // Scoring reaching April later does not seal 小榄镇's March again.
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.april)
        #expect(try archive.published(MonthlyRootSealed.self).filter { $0.committee == World.town }.count == 1)
    }

    @Test("SealMonth refuses a month not yet ended, a sealed month, an unknown committee and a bad month")
    func sealRefusals() throws {
        let archive = try ArchiveFixture()
        try Self.march(archive)
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-XL", month: "2024-03"))) == "archive.monthOpen")
        try archive.apply(World.enrolled(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-XX", month: "2024-03"))) == "archive.unknownCommittee")
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-XL", month: "2024-3"))) == "archive.invalidMonth")
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-DX", month: "2024-03"))) == "archive.emptyCabinet")
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-XL", month: "2024-03"))) == nil)
        #expect(try code(archive.command(SealMonth(committeeCode: "442000-XL", month: "2024-03"))) == "archive.monthSealed")
        #expect(try archive.published(MonthlyRootSealed.self).count == 1, "refusals publish nothing")
    }

    func code(_ outcome: CommandOutcome) -> String? {
        if case .rejected(let code, _) = outcome { return code }
        return nil
    }

    @Test("where scoring is not followed, its events are ignored and enrollment's clock alone seals a month")
    func enrollmentOnly() throws {
        let archive = try ArchiveFixture(settings: ArchiveSettings(followedStreams: ["enrollment"]))
        try Self.march(archive)
        #expect(try archive.published(ArchiveEntryFiled.self).filter { $0.lane == .scoring }.isEmpty)
        try archive.apply(World.enrolled(World.zhang, World.plainClass, World.plainPeriod), at: World.april)
        #expect(try archive.published(MonthlyRootSealed.self).map(\.month) == ["2024-03", "2024-03"])
    }
}
