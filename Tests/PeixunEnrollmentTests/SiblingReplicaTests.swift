import Foundation
import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunRuntime
import PeixunStore
import Testing

/// A partition of a split enrollment keeps its siblings' rows from their events: applied to an
/// empty store, one partition's stream gives back every row its commands wrote.
@Suite("A sibling partition's rows, rebuilt from its events")
struct SiblingReplicaTests {
    /// Tables a command writes, each with the order to compare it in (enrollments by rowid too:
    /// the waitlist is ordered by it).
    static let tables: [(name: String, order: String)] = [
        ("organisations", "id"), ("members", "id"), ("courses", "id"), ("instructors", "id"), ("plans", "id"),
        ("classes", "id"), ("periods", "id"), ("lessons", "id"), ("lesson_venues", "id"),
        ("enrollments", "rowid"), ("check_ins", "lesson_id, member_id"), ("completed_courses", "member_id, course_id, year, period_id"),
    ]

    /// Every kind of event: the tree, a roster, the catalogue, a plan filed and acknowledged, a
    /// planned class with a live lesson and branch venues, enrollments with a waitlist, a
    /// cancellation and its promotion, check-ins, a period closed with a completion, a member who
    /// did not complete, a waitlisted enrollment ended, and a duplicate training refused.
    static func busyOwner() throws -> EnrollmentFixture {
        let (fixture, lessons) = try CompletionTests.world()  // C-1: GD-0001, 0002, 0004 seated; 0005 waitlisted
        _ = try fixture.accept(
            FilePlan(
                code: "P-2024-01", organisationCode: "442000-DX", level: .grassroots, year: 2024, title: "2024年度党员教育培训计划",
                plannedClasses: 12, plannedPeriods: 20, plannedTrainees: 1_500),
            as: PlanFiled.self)
        _ = try fixture.accept(AcknowledgePlan(planCode: "P-2024-01", byOrganisationCode: "442000"), as: PlanAcknowledged.self)
        _ = try fixture.accept(
            ScheduleClass(
                code: "C-2", name: "2024年党员冬训直播班", organiserCode: "442000-DX", planCode: "P-2024-01", targetCategories: [.village],
                completionPercent: 80, periods: [Training.period(days: 7, 9, capacity: 40)], examPassMark: 60),
            as: ClassScheduled.self)
        try fixture.lesson("C-2", course: "LV-01", start: Training.day(7), branches: [VenueSpec(code: "XL-1", name: "小榄镇分会场", capacity: 80)])
        try fixture.enroll("GD-0004", in: "C-2")
        _ = try fixture.accept(
            CancelEnrollment(memberNumber: "GD-0002", classCode: "C-1", periodNumber: 1, reason: "工作冲突"), as: EnrollmentCancellation.self)
        try fixture.enroll("GD-0003", in: "C-1")  // waitlisted behind the promoted GD-0005
        try CompletionTests.attend(fixture, "GD-0001", lessons, days: [0, 1, 2, 3, 4])
        try CompletionTests.attend(fixture, "GD-0004", lessons, days: [0])
        try CompletionTests.attend(fixture, "GD-0005", lessons, days: [0, 1, 2, 3])
        _ = try fixture.accept(ClosePeriod(classCode: "C-1", periodNumber: 1), as: PeriodClosed.self, at: Training.day(6))
        try fixture.scheduleClass("C-3", name: "2024年书记轮训班", periods: [Training.period(days: 10, 12, capacity: 30)])
        try fixture.lesson("C-3", start: Training.day(10))
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-3", periodNumber: 1)).code == "enrollment.duplicateTraining")
        return fixture
    }

    static func rows(_ table: (name: String, order: String), in store: ServiceStore) throws -> [[DatabaseValue]] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT \(table.order == "rowid" ? "rowid, " : "")* FROM \(table.name) ORDER BY \(table.order)").map { Array($0.databaseValues) }
        }
    }

    @Test("every row of every table a command writes comes back equal (ids, codes, Chinese names, seats, statuses, credit hours, times)")
    func sameRows() throws {
        let owner = try Self.busyOwner()
        let replica = try EnrollmentFixture()
        try replica.replicate(owner)
        for table in Self.tables {
            let written = try Self.rows(table, in: owner.store)
            #expect(!written.isEmpty, "the scenario writes \(table.name)")
            #expect(try Self.rows(table, in: replica.store) == written, "\(table.name)")
        }
        let statuses = try replica.store.read { db in try Int.fetchAll(db, sql: "SELECT DISTINCT status FROM enrollments ORDER BY status") }
        #expect(statuses == [1, 3, 4, 5], "enrolled, cancelled, completed and not completed are all there")
    }

    @Test("a row a sibling wrote that this store already holds stops the replica, nothing of the batch kept: the partitions disagree on their keys")
    func conflictStops() throws {
        let owner = try EnrollmentFixture()
        try owner.makeTree()
        let replica = try EnrollmentFixture()
        try replica.replicate(owner)
        let twin = OrganisationRegistered(organisation: .random(), parent: nil, name: "另一个中山市", kind: .city, code: "442000")
        let envelope = Envelope(stream: StreamID(service: "enrollment", partition: 1), sequence: 1, eventType: OrganisationRegistered.typeID)
        let error = #expect(throws: StoreError.self) {
            try replica.store.write { db in
                try SiblingReplica().apply(ReceivedEvent(topic: "enrollment.OrganisationRegistered", envelope: envelope, payload: try twin.encoded()), in: db)
            }
        }
        #expect(error?.description.contains("UNIQUE constraint failed: organisations.code") == true, "\(String(describing: error))")
        #expect(try replica.count("organisations") == 5)
    }
}
