import Foundation
import PeixunArchive
import PeixunCodec
import PeixunMessages
import Testing

@Suite("The credit-hour ledger: hours per member per year against the yearly quota")
struct LedgerTests {
    @Test("a period's hours count once: from the confirmed completion when the class has an exam, from attendance otherwise")
    func hoursCountOnce() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.completed(World.zhang, hours: 2))  // exam class: waits for the exam
        try archive.apply(World.completed(World.zhang, World.plainClass, World.plainPeriod, hours: 6))
        var ledger = try archive.ask(ShowLedger(memberNumber: "GD-0001", year: 2024), as: LedgerView.self)
        #expect(ledger.lines.map(\.hours) == [6])
        try archive.apply(World.confirmed(World.zhang, hours: 2), from: "scoring")
        ledger = try archive.ask(ShowLedger(memberNumber: "GD-0001", year: 2024), as: LedgerView.self)
        #expect(ledger.lines.map(\.hours) == [8])
    }

    @Test("the quota is 32 hours for a member and 56 for a branch secretary; owed is what remains, never below 0")
    func quotas() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.completed(World.ouyang, World.plainClass, World.plainPeriod, hours: 40))
        try archive.apply(World.completed(World.zhang, World.plainClass, World.plainPeriod, hours: 6))
        let ledger = try archive.ask(ShowLedger(committeeCode: "442000-XL", year: 2024), as: LedgerView.self)
        #expect(ledger.lines.map(\.memberNumber) == ["GD-0001", "GD-0002"])
        #expect(ledger.lines.map(\.name) == ["张伟", "欧阳, 娜娜"])
        #expect(ledger.lines.map(\.quota) == [56, 32])
        #expect(ledger.lines.map(\.hours) == [6, 40])
        #expect(ledger.lines.map(\.owed) == [50, 0])
    }

    @Test("a party committee member (党委委员) owes the higher quota, like a branch secretary")
    func committeeMember() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        let member = WireUUID(high: 0xC0, low: 0x07)
        try archive.apply(
            MemberRegistered(
                member: member, branch: World.branch, name: "陈静", categories: [.village, .committeeMember], memberNumber: "GD-0007",
                branchCode: "442000-XL-01"))
        let ledger = try archive.ask(ShowLedger(memberNumber: "GD-0007", year: 2024), as: LedgerView.self)
        #expect(ledger.lines.map(\.quota) == [56])
    }

    @Test("quotas are configurable, and another year counts nothing")
    func configurable() throws {
        let archive = try ArchiveFixture(settings: ArchiveSettings(memberQuota: 24, secretaryQuota: 40))
        try archive.makeWorld()
        try archive.apply(World.completed(World.ouyang, World.plainClass, World.plainPeriod, hours: 4))
        let ledger = try archive.ask(ShowLedger(memberNumber: "GD-0002", year: 2024), as: LedgerView.self)
        #expect(ledger.lines.map(\.owed) == [20])
        let other = try archive.ask(ShowLedger(memberNumber: "GD-0002", year: 2023), as: LedgerView.self)
        #expect(other.lines.map(\.hours) == [0])
        #expect(try archive.refusal(ShowLedger(memberNumber: "GD-9999", year: 2024)) == "archive.unknownMember")
        #expect(try archive.refusal(ShowLedger(year: 2024)) == "ledger.noSubject")
    }
}
