import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// ListEnrollments: who holds a seat in a period, in seat order (enrolled, and after the period
/// closed completed or not), then its waitlist in waitlist order with each member's place in it.
/// Cancelled enrollments are not listed: they hold nothing (ShowMember still shows them).
enum EnrollmentListQuery {
    static func list(_ query: ListEnrollments, in db: Database) throws -> EnrollmentList {
        let (_, period) = try QueryLookup.period(classCode: query.classCode, number: query.periodNumber, in: db)
        // enrollments_by_period (period_id, status, queue) finds both groups. The waitlist is in
        // (queue, rowid) order, as the rules promote it (commands committed together share a
        // queue value); the seats (at most the capacity) are sorted.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.number, m.name, e.status, e.seat, 0 AS waiting, e.seat AS position, e.rowid AS entry
                FROM enrollments e JOIN members m ON m.id = e.member_id
                WHERE e.period_id = ?1 AND e.status IN (1, 4, 5)
                UNION ALL
                SELECT m.number, m.name, e.status, e.seat, 1 AS waiting, e.queue AS position, e.rowid AS entry
                FROM enrollments e JOIN members m ON m.id = e.member_id
                WHERE e.period_id = ?1 AND e.status = 2
                ORDER BY waiting, position, entry
                """,
            arguments: [period["id"] as Data])
        var place: UInt32 = 0
        return EnrollmentList(
            entries: try rows.map { row in
                let status: EnrollmentStatus = try QueryValues.value(row, "status")
                var seat = QueryValues.count(row, "seat")
                if status == .waitlisted {
                    place += 1
                    seat = place
                }
                return EnrollmentLine(memberNumber: row["number"], name: row["name"], status: status, seat: seat)
            })
    }
}
