import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The day's lessons of classes organised in scope, with check-ins per venue, and the check-ins at
/// them per minute. Both start from the lessons of the day (`lessons_by_start`) and reach
/// check-ins by lesson or venue, so their cost is the day's, not the store's.
enum DashboardLessons {
    /// Lessons by start, class code and id; each lesson's main venue first.
    static func lessons(_ scope: Scope, _ day: ReportWindow, in db: Database) throws -> [DashboardLesson] {
        var lessons: [DashboardLesson] = []
        for row in try db.rows(
            Scope.cte + """
                SELECT l.id, l.course_name, l.start, l.end, k.code AS class_code, k.name AS class_name,
                       v.id AS venue_id, v.code AS venue_code, v.name AS venue_name, v.capacity,
                       (SELECT count(*) FROM check_ins c
                        WHERE c.lesson_id = l.id AND c.venue_id = v.id AND c.known_at < :end) AS checked_in
                FROM lessons l
                JOIN classes k ON k.id = l.class_id
                JOIN venues v ON v.lesson_id = l.id
                WHERE l.organiser_id IN scope AND l.known_at < :end AND l.start >= :start AND l.start < :end
                ORDER BY l.start, k.code, l.id, v.position, v.rowid
                """, scope.arguments(day))
        {
            // Rows of one lesson are adjacent (ordered by lesson before venue).
            let id = try row.uuid("id")
            if lessons.last?.lesson != id {
                lessons.append(
                    DashboardLesson(
                        lesson: id, classCode: row["class_code"], className: row["class_name"],
                        courseName: row["course_name"], start: row.timestamp("start"), end: row.timestamp("end")))
            }
            lessons[lessons.count - 1].venues.append(
                DashboardVenue(
                    venue: try row.uuid("venue_id"), code: row["venue_code"], name: row["venue_name"],
                    capacity: row.count("capacity"), checkedIn: row.count("checked_in")))
        }
        return lessons
    }

    /// Check-ins at the day's lessons in scope, by the minute they were committed (envelope time,
    /// the owner's clock: a device's clock may be off, see `CheckedIn.clockSkewSeconds`). Only
    /// minutes with check-ins, in order; a dashboard fills the others with 0.
    static func perMinute(_ scope: Scope, _ day: ReportWindow, in db: Database) throws -> [DashboardMinute] {
        let minute: Int64 = 60_000_000
        return try db.rows(
            Scope.cte + """
                SELECT (c.known_at - :start) / :minute AS minute, count(*) AS check_ins
                FROM lessons l JOIN check_ins c ON c.lesson_id = l.id
                WHERE l.organiser_id IN scope AND l.known_at < :end AND l.start >= :start AND l.start < :end
                  AND c.known_at >= :start AND c.known_at < :end
                GROUP BY 1 ORDER BY 1
                """, scope.arguments(day) + ["minute": minute]
        ).map { row in
            let offset: Int64 = row["minute"]
            return DashboardMinute(
                minute: WireTimestamp(microsecondsSinceEpoch: day.start.microsecondsSinceEpoch + offset * minute),
                checkIns: row.count("check_ins"))
        }
    }
}
