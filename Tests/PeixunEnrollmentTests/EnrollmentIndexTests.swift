import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// The store itself, below the rules, keeps a member to one active enrollment per period
/// (migration enrollment-v4-one-member-index: one unique index by member serves that and every
/// lookup by member).
@Suite("Enrollment store: one index by member")
struct EnrollmentIndexTests {
    /// Copies one of the member's enrollment rows with a new id and the given status.
    static func copy(_ enrollment: WireUUID, status: Int, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO enrollments (id, member_id, period_id, status, seat, queue, enrolled_at)
                SELECT randomblob(16), member_id, period_id, ?, seat, queue, enrolled_at FROM enrollments WHERE id = ?
                """,
            arguments: [status, StoredUUID.encode(enrollment)])
    }

    @Test("a second active enrollment of a member in a period is refused by the store; ended ones may be many, beside one active")
    func oneActivePerMemberAndPeriod() throws {
        let fixture = try EnrollmentRuleTests.world()
        let first = try fixture.enroll("GD-0001", in: "C-1")
        _ = try fixture.accept(CancelEnrollment(memberNumber: "GD-0001", classCode: "C-1", periodNumber: 1), as: EnrollmentCancellation.self)
        let again = try fixture.enroll("GD-0001", in: "C-1")
        #expect(again.enrollment != first.enrollment, "enrolled again after a cancellation: a new row beside the ended one")
        for status in [EnrollmentStatus.enrolled, .waitlisted] {
            let error = #expect(throws: (any Error).self, "a second \(status) row") {
                try fixture.store.write { db in try Self.copy(again.enrollment, status: Int(status.rawValue), in: db) }
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("UNIQUE constraint failed: index 'enrollments_by_member'"))
        }
        try fixture.store.write { db in
            for status in [EnrollmentStatus.cancelled, .completed, .notCompleted, .cancelled] {
                try Self.copy(again.enrollment, status: Int(status.rawValue), in: db)
            }
        }
        let rows = try fixture.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM enrollments WHERE member_id = ?", arguments: [StoredUUID.encode(again.member)])
        }
        #expect(rows == 6, "the cancelled first, the active second, four ended copies")
    }

    @Test("the member's lookups use the one index: no second index on member_id is left")
    func oneIndexByMember() throws {
        let fixture = try EnrollmentRuleTests.world()
        let indexes = try fixture.store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enrollments' AND sql LIKE '%member_id%'")
        }
        #expect(indexes == ["enrollments_by_member"])
        let plan = try fixture.store.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT id FROM enrollments WHERE member_id = x'00' AND period_id = x'00' AND status IN (1, 2)"
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX enrollments_by_member (member_id=? AND period_id=?)") }, "\(plan)")
    }
}
