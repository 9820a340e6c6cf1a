import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore
import PeixunCalendar

/// Fake training (虚训), for lessons starting in the window whose organiser is in scope, from what
/// was committed before the window ends:
/// - a lesson without attendance evidence: its period is closed (completion decided, no check-in
///   can come any more) and nobody checked in;
/// - a venue with more check-ins than it holds;
/// - a burst: every check-in of the lesson from one source (device or operator), at least
///   `burstMinimum` of them, the first and last at most `burstSeconds` apart. Members walking in
///   take minutes; a whole roster ticked off in seconds by one device is what the reports call
///   attendance made up after the fact.
enum FakeTraining {
    // The groupings below are by `+v.id` and `+l.id`: grouped by the bare key, SQLite reads the
    // whole venues or lessons table in key order to save a sort, instead of the window's lessons
    // through lessons_by_start (query plan test in DashboardTests).
    static let burstMinimum = 5
    static let burstSeconds: Int64 = 60

    /// The lessons of the window, with what flags name: course, class, period number, organiser.
    static let lessonsInWindow = """
        , window_lessons AS (
            SELECT l.id, l.course_code, l.course_name, l.start, l.period_id, l.organiser_id,
                   coalesce(o.code, '') AS organiser_code, k.name AS class_name, p.number AS period_number,
                   p.closed_at
            FROM lessons l
            JOIN periods p ON p.id = l.period_id
            JOIN classes k ON k.id = l.class_id
            LEFT JOIN organisations o ON o.id = l.organiser_id
            WHERE l.organiser_id IN scope AND l.known_at < :end AND l.start >= :start AND l.start < :end
        )
        """

    static func lessonsWithoutCheckIns(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + lessonsInWindow + """
                SELECT * FROM window_lessons l
                WHERE l.closed_at IS NOT NULL AND l.closed_at < :end
                  AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.lesson_id = l.id AND c.known_at < :end)
                """, scope.arguments(window)
        ).map { row in
            try flag(.lessonWithoutCheckIns, row, "期次已结业，但本节课没有任何签到记录")
        }
    }

    static func overCapacity(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + lessonsInWindow + """
                SELECT l.*, v.name AS venue_name, v.capacity, count(*) AS checked_in
                FROM window_lessons l
                JOIN venues v ON v.lesson_id = l.id
                JOIN check_ins c ON c.venue_id = v.id AND c.known_at < :end
                GROUP BY +v.id
                HAVING count(*) > v.capacity
                """, scope.arguments(window)
        ).map { row in
            let venue: String = row["venue_name"]
            let capacity: Int = row["capacity"]
            let checkedIn: Int = row["checked_in"]
            return try flag(.overCapacity, row, "\(venue)容纳\(capacity)人，签到\(checkedIn)人，超出场地容量")
        }
    }

    static func bursts(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        var arguments = scope.arguments(window)
        arguments += ["minimum": burstMinimum, "span": burstSeconds * 1_000_000]
        return try db.rows(
            Scope.cte + lessonsInWindow + """
                SELECT l.*, count(*) AS checked_in, min(c.source) AS source, max(c.at) - min(c.at) AS span
                FROM window_lessons l JOIN check_ins c ON c.lesson_id = l.id AND c.known_at < :end
                GROUP BY +l.id
                HAVING count(*) >= :minimum AND count(DISTINCT c.source) = 1 AND max(c.at) - min(c.at) <= :span
                """, arguments
        ).map { row in
            let source: String = row["source"]
            let checkedIn: Int = row["checked_in"]
            let seconds = (row["span"] as Int64) / 1_000_000
            return try flag(.checkInBurst, row, "全部\(checkedIn)人次签到来自同一来源「\(source)」，集中在\(seconds)秒内")
        }
    }

    /// A lesson's flag: subject the lesson (course code and name), at its start, under its organiser.
    private static func flag(_ kind: FlagKind, _ row: Row, _ what: String) throws -> Flag {
        let start = row.timestamp("start")
        let className: String = row["class_name"]
        let period: Int = row["period_number"]
        return Flag(
            kind: kind, subject: try row.uuid("id"), subjectCode: row["course_code"], subjectName: row["course_name"],
            organisation: try row.uuid("organiser_id"), organisationCode: row["organiser_code"], at: start,
            detail: "\(className)第\(period)期 \(ChinaCalendar.format(start))：\(what)")
    }
}
