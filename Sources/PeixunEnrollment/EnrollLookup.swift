import GRDB
import PeixunMessages
import PeixunStore

extension Enrollments {
    /// What an `Enroll` needs, found with one statement instead of eight: the member, the class,
    /// its period, whether the member already holds an active enrollment there, whether they
    /// hold one in an overlapping period, whether they may have completed one of the period's
    /// courses (the precise duplicate-training check runs only then), and the seats for
    /// `lowestFreeSeat`. A missing member, class or period is nil (the caller refuses in the
    /// rules' order: member, class, period).
    struct Lookup {
        var member: MemberRecord?
        var trainingClass: ClassRecord?
        var period: PeriodRecord?
        var alreadyActive = false
        var overlaps = false
        var mayDuplicate = false
        /// The highest seat held in the period + 1.
        var nextSeat = 1
        /// The lowest seat freed by a cancellation and held by nobody since; 0 if none.
        var freedSeat = 0

        static let memberAt: Int32 = 0
        static let classAt = memberAt + MemberRecord.columnCount
        static let periodAt = classAt + ClassRecord.columnCount
        static let flagsAt = periodAt + PeriodRecord.columnCount

        // Left joins from one row: every part is looked up by its unique index, and a missing
        // one leaves its columns NULL instead of losing the row. The subqueries are the
        // statements of `requireNoOverlap`, `DuplicateTraining.find` (without the year, so a
        // superset; a join, not `IN (SELECT …)`, which built a temporary table on every run) and
        // `lowestFreeSeat`, evaluated once the period is known.
        static let sql = """
            SELECT \(MemberRecord.columns("m")), \(ClassRecord.columns("k")), \(PeriodRecord.columns("p")),
                EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = m.id AND e.period_id = p.id AND e.status IN (1, 2)),
                EXISTS (SELECT 1 FROM enrollments e JOIN periods q ON q.id = e.period_id
                        WHERE e.member_id = m.id AND e.status IN (1, 2) AND q.start < p.end AND q.end > p.start AND q.id != p.id),
                EXISTS (SELECT 1 FROM completed_courses cc JOIN lessons l ON l.course_id = cc.course_id AND l.period_id = p.id
                        WHERE cc.member_id = m.id),
                (SELECT coalesce(max(seat), 0) + 1 FROM enrollments WHERE period_id = p.id AND status = 1),
                (SELECT coalesce(min(c.seat), 0) FROM enrollments c WHERE c.period_id = p.id AND c.status = 3 AND c.seat > 0
                  AND NOT EXISTS (SELECT 1 FROM enrollments h WHERE h.period_id = p.id AND h.status = 1 AND h.seat = c.seat))
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
                found.alreadyActive = row.int(flagsAt) != 0
                found.overlaps = row.int(flagsAt + 1) != 0
                found.mayDuplicate = row.int(flagsAt + 2) != 0
                found.nextSeat = Int(row.int(flagsAt + 3))
                found.freedSeat = Int(row.int(flagsAt + 4))
                return found
            } ?? Lookup()
        }
    }
}
