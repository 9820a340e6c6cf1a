import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// ShowMember: who the member is and every enrollment they have had, with the credit hours of
/// the periods they completed.
enum MemberQuery {
    static func show(_ query: ShowMember, in db: Database) throws -> MemberView {
        let member = try QueryLookup.member(number: query.memberNumber, in: db)
        // enrollments_by_member, then periods and classes by primary key.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.rowid AS entry, e.id, e.period_id, e.status, e.seat, e.queue, e.credit_hours,
                       p.number AS period_number, c.code AS class_code, c.name AS class_name
                FROM enrollments e
                JOIN periods p ON p.id = e.period_id
                JOIN classes c ON c.id = p.class_id
                WHERE e.member_id = ?
                ORDER BY e.enrolled_at, e.rowid
                """,
            arguments: [member["id"] as Data])
        var enrollments: [MemberEnrollment] = []
        var creditHours = 0.0
        for row in rows {
            let status: EnrollmentStatus = try QueryValues.value(row, "status")
            if status == .completed { creditHours += row["credit_hours"] as Double }
            enrollments.append(
                MemberEnrollment(
                    classCode: row["class_code"], className: row["class_name"], periodNumber: QueryValues.count(row, "period_number"),
                    status: status, seat: try seat(of: row, status: status, in: db),
                    creditHours: row["credit_hours"]))
        }
        return MemberView(
            member: try QueryValues.id(member, "id"), memberNumber: member["number"], name: member["name"],
            branchCode: member["branch_code"], branchName: member["branch_name"],
            categories: try QueryValues.categories(member, "categories"), joinedParty: QueryValues.optionalTime(member, "joined"),
            enrollments: enrollments, creditHours: creditHours)
    }

    /// A seat, or for a waitlisted member the place in the waitlist as it stands now (members
    /// ahead may have been promoted or cancelled since they joined it).
    static func seat(of row: Row, status: EnrollmentStatus, in db: Database) throws -> UInt32 {
        guard status == .waitlisted else { return QueryValues.count(row, "seat") }
        // Waitlist order is (queue, rowid), as the rules promote it: commands committed together
        // share a queue value. enrollments_by_period (period_id, status, queue): a range count.
        let place = try Int64.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM enrollments
                WHERE period_id = ?1 AND status = 2 AND (queue < ?2 OR (queue = ?2 AND rowid <= ?3))
                """,
            arguments: [row["period_id"] as Data, row["queue"] as Int64, row["entry"] as Int64])
        return UInt32(clamping: place ?? 0)
    }
}
