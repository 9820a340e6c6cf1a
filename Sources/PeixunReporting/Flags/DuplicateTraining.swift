import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore
import PeixunCalendar

/// Duplicate-training attempts (重复培训): each enrollment refused because the member
/// already completed one of the period's courses that year (DuplicateTrainingRefused), committed
/// in the window, for members whose branch is in scope.
enum DuplicateTraining {
    static func refused(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + """
                SELECT d.*, m.number, m.name, m.branch_id, coalesce(o.code, '') AS branch_code, k.name AS class_name
                FROM duplicates d
                JOIN members m ON m.id = d.member_id
                LEFT JOIN organisations o ON o.id = m.branch_id
                LEFT JOIN classes k ON k.id = d.class_id
                WHERE m.branch_id IN scope AND d.known_at >= :start AND d.known_at < :end
                """, scope.arguments(window)
        ).map { row in
            let course: String = row["course_name"]
            let className: String = row["class_name"] ?? ""
            let earlierClass: String = row["earlier_class_name"]
            let earlierSchool: String = row["earlier_school_name"]
            let earlier = ChinaCalendar.format(row.timestamp("earlier_completed_at"))
            return Flag(
                kind: .duplicateTraining, subject: try row.uuid("member_id"), subjectCode: row["number"],
                subjectName: row["name"], organisation: try row.uuid("branch_id"), organisationCode: row["branch_code"],
                at: row.timestamp("known_at"),
                detail: "报名「\(className)」被拒：课程「\(course)」已于\(earlier)在\(earlierSchool)「\(earlierClass)」完成")
        }
    }
}
