import GRDB
import PeixunMessages
import PeixunStore

extension Enrollments {
    /// What an `Enroll` names, found with one statement instead of four: the member, the class,
    /// its period and whether the member already holds an active enrollment there. A missing one
    /// is nil (the caller refuses in the rules' order: member, class, period).
    struct Lookup {
        var member: MemberRecord?
        var trainingClass: ClassRecord?
        var period: PeriodRecord?
        var alreadyActive = false

        static let memberAt: Int32 = 0
        static let classAt = memberAt + MemberRecord.columnCount
        static let periodAt = classAt + ClassRecord.columnCount
        static let activeAt = periodAt + PeriodRecord.columnCount

        // Left joins from one row: every part is looked up by its unique index, and a missing
        // one leaves its columns NULL instead of losing the row.
        static let sql = """
            SELECT \(MemberRecord.columns("m")), \(ClassRecord.columns("k")), \(PeriodRecord.columns("p")),
                EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = m.id AND e.period_id = p.id AND e.status IN (1, 2))
            FROM (SELECT 1) LEFT JOIN members m ON m.number = ?1 LEFT JOIN classes k ON k.code = ?2
                LEFT JOIN periods p ON p.class_id = k.id AND p.number = ?3
            """

        static func find(_ command: Enroll, in db: Database) throws -> Lookup {
            let arguments: [SQLValue] = [.text(command.memberNumber), .text(command.classCode), .int(Int64(command.periodNumber))]
            return try db.first(sql, arguments) { row in
                var found = Lookup()
                if !row.isNull(memberAt) { found.member = try MemberRecord(row, at: memberAt) }
                if !row.isNull(classAt) { found.trainingClass = try ClassRecord(row, at: classAt) }
                if !row.isNull(periodAt) { found.period = try PeriodRecord(row, at: periodAt) }
                found.alreadyActive = row.int(activeAt) != 0
                return found
            } ?? Lookup()
        }
    }
}
