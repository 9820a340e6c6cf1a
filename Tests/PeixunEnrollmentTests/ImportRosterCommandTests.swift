import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// ImportRoster: all or nothing unless skipInvalid, each problem named with its line, and the
/// same roster twice changes nothing.
@Suite("Importing a roster")
struct ImportRosterCommandTests {
    static let good = [
        RosterEntry(line: 2, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01", categories: [.village, .branchSecretary]),
        RosterEntry(line: 3, memberNumber: "GD-0002", name: "欧阳娜娜", branchCode: "442000-XL-01", categories: [.community]),
        RosterEntry(line: 4, memberNumber: "GD-0003", name: "李强", branchCode: "442000-DX"),
    ]

    @Test("a valid roster registers every member, one MemberRegistered event each, with number and branch code")
    func registers() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let result = try fixture.accept(ImportRoster(entries: Self.good), as: RosterImported.self)
        #expect(result.registered == 3)
        #expect(result.unchanged == 0)
        #expect(try fixture.count("members") == 3)
        let events = try fixture.store.read { db in try Outbox.events(stream: EnrollmentStore.stream, after: 5, limit: 10, in: db) }
        let first = try MemberRegistered(decoding: events[0].payload)
        #expect(first.name == "张伟")
        #expect(first.memberNumber == "GD-0001")
        #expect(first.branchCode == "442000-XL-01")
        #expect(first.categories == [.village, .branchSecretary])
    }

    @Test("importing the same roster twice changes nothing")
    func twice() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        _ = try fixture.accept(ImportRoster(entries: Self.good), as: RosterImported.self)
        let head = try fixture.head
        let again = try fixture.accept(ImportRoster(entries: Self.good), as: RosterImported.self)
        #expect(again.registered == 0)
        #expect(again.unchanged == 3)
        #expect(try fixture.head == head, "no event the second time")
        #expect(try fixture.count("members") == 3)
    }

    static let bad = good + [
        RosterEntry(line: 5, memberNumber: "GD-0004", name: "王芳", branchCode: "442000-XX-99"),
        RosterEntry(line: 6, memberNumber: "GD-0005", name: "赵磊", branchCode: "442000-XL"),
        RosterEntry(line: 7, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01"),
        RosterEntry(line: 8, memberNumber: "GD-0006", name: " ", branchCode: "442000-XL-01"),
    ]

    @Test("a roster with bad rows writes nothing and names every bad line and why")
    func allOrNothing() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let refusal = try fixture.rejection(ImportRoster(entries: Self.bad))
        #expect(refusal.code == "roster.invalid")
        #expect(refusal.message.contains("line 5: branch 442000-XX-99 does not exist"))
        #expect(refusal.message.contains("line 6:"))  // a town is not a branch
        #expect(refusal.message.contains("line 7: member GD-0001 is also on line 2"))
        #expect(refusal.message.contains("line 8:"))
        #expect(try fixture.count("members") == 0)
        #expect(try fixture.head == 5)
    }

    @Test("with skipInvalid the valid rows are registered and the invalid ones reported")
    func skipInvalid() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let result = try fixture.accept(ImportRoster(entries: Self.bad, skipInvalid: true), as: RosterImported.self)
        #expect(result.registered == 3)
        #expect(result.skipped.map(\.line) == [5, 6, 7, 8])
        #expect(result.skipped.map(\.code) == ["member.unknownBranch", "member.notABranch", "member.duplicate", "member.invalidName"])
        #expect(try fixture.count("members") == 3)
    }

    @Test("a member already registered with other details is a conflict, not a silent change")
    func conflict() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        _ = try fixture.accept(ImportRoster(entries: Self.good), as: RosterImported.self)
        var moved = Self.good[0]
        moved.branchCode = "442000-DX"
        let refusal = try fixture.rejection(ImportRoster(entries: [moved]))
        #expect(refusal.code == "roster.invalid")
        #expect(refusal.message.contains("already registered with another branch"))
    }
}
