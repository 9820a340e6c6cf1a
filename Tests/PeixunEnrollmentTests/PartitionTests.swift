import Foundation
import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// A partition of a split enrollment writes only what its keys name (the code of what a command
/// creates or changes; a class's code for everything about the class) and publishes on its own
/// stream; anything else is refused, naming the partition to send it to.
@Suite("Enrollment split: a partition's own commands")
struct EnrollmentPartitionTests {
    /// Codes of partition `index` of 2 with `prefix`, the first `count` of them.
    static func codes(_ prefix: String, partition index: Int, count: Int = 1) -> [String] {
        Array((1...).lazy.map { "\(prefix)\($0)" }.filter { PartitionKey.partition(of: $0, count: 2) == index }.prefix(count))
    }

    @Test("an organisation, a course, a class coded for the other partition are refused as enrollment.otherPartition, naming it; its own are accepted and published on enrollment/1")
    func ownCodesOnly() throws {
        let fixture = try EnrollmentFixture(partition: EnrollmentPartition(index: 1, count: 2))
        let (own, other) = (Self.codes("ZS", partition: 1)[0], Self.codes("ZS", partition: 0)[0])
        let refused = try fixture.rejection(CreateOrganisation(code: other, name: "中山市", kind: .city))
        #expect(refused.code == "enrollment.otherPartition")
        #expect(refused.message == "organisation \(other) belongs to enrollment partition 0 of 2, not 1: send the command with \(other) as its partition key")
        _ = try fixture.accept(CreateOrganisation(code: own, name: "中山市", kind: .city), as: OrganisationCreated.self)
        #expect(try fixture.rejection(AddCourse(code: Self.codes("GT-", partition: 0)[0], name: "党章党规党纪", module: .politicalTheory, creditHours: 1, mode: .classroom)).code == "enrollment.otherPartition")
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: Self.codes("C-", partition: 0)[0], periodNumber: 1)).code == "enrollment.otherPartition")
        let streams = try fixture.store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM peixun_outbox") }
        #expect(streams == ["enrollment/1"])
    }

    @Test("a roster with one member numbered for the other partition is refused whole, nothing written; split by partition, each part is taken by its own")
    func rosterByMemberNumber() throws {
        let fixtures = try (0...1).map { try EnrollmentFixture(partition: EnrollmentPartition(index: $0, count: 2)) }
        // The same tree in both (as each would hold it: one partition's by command, the other's by replica).
        let tree = try EnrollmentFixture()
        try tree.makeTree()
        for fixture in fixtures { try fixture.replicate(tree) }
        let numbers = Self.codes("GD-", partition: 0, count: 2) + Self.codes("GD-", partition: 1, count: 2)
        let roster = ImportRoster(entries: numbers.enumerated().map { line, number in
            RosterEntry(line: UInt32(line + 2), memberNumber: number, name: "张伟\(line)", branchCode: "442000-XL-01", categories: [.village])
        })
        let refused = try fixtures[0].rejection(roster)
        #expect(refused.code == "enrollment.otherPartition" && refused.message.hasPrefix("member \(numbers[2]) belongs to enrollment partition 1"))
        #expect(try fixtures[0].count("members") == 0)
        let parts = roster.split(into: 2)
        #expect(parts.map { $0.roster.entries.map(\.memberNumber) } == [Array(numbers.prefix(2)), Array(numbers.suffix(2))])
        for (partition, part) in parts.enumerated() {
            #expect(PartitionKey.partition(of: part.key, count: 2) == partition)
            #expect(try fixtures[partition].accept(part.roster, as: RosterImported.self).registered == 2)
        }
    }

    @Test("a check-in to a lesson of another partition's class is refused, whatever key it came with")
    func checkInByLessonsClass() throws {
        let owner = try EnrollmentFixture(partition: EnrollmentPartition(index: 0, count: 2))
        let other = try EnrollmentFixture(partition: EnrollmentPartition(index: 1, count: 2))
        let classCode = Self.codes("C-", partition: 0)[0]
        // The whole world is written unsplit, then replicated into both partitions' stores.
        let world = try EnrollmentFixture()
        try world.makeWorld()
        try world.scheduleClass(classCode, periods: [Training.period(days: 0, 2, capacity: 10)])
        let lesson = try world.lesson(classCode, start: Training.day(0)).lesson
        try world.enroll("GD-0001", in: classCode)
        for fixture in [owner, other] { try fixture.replicate(world) }
        let checkIn = CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .roster, classCode: Self.codes("C-", partition: 1)[0])
        let refused = try other.rejection(checkIn, at: Training.day(0, hour: 0.5))
        #expect(refused.code == "enrollment.otherPartition" && refused.message.contains("class \(classCode)"))
        _ = try owner.accept(checkIn, as: CheckInRecorded.self, at: Training.day(0, hour: 0.5))
    }
}
