import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// ShowAttendance: a lesson's check-ins, counted per venue (main venue first, then branch venues
/// by code) and listed per member in the order they checked in.
enum AttendanceQuery {
    static func show(_ query: ShowAttendance, in db: Database) throws -> AttendanceView {
        let lesson = try QueryLookup.lesson(query.lesson, in: db)
        let lessonID: Data = lesson["id"]
        let enrolled = try Int64.fetchOne(
            db, sql: "SELECT count(*) FROM enrollments WHERE period_id = ? AND status IN (1, 4, 5)",
            arguments: [lesson["period_id"] as Data]) ?? 0
        // check_ins' primary key starts with lesson_id: one pass over the lesson's check-ins,
        // grouped, rather than one per venue (a live lesson has thousands of them).
        var counts: [Data: UInt32] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT venue_id, count(*) AS n FROM check_ins WHERE lesson_id = ? GROUP BY venue_id", arguments: [lessonID])
        {
            counts[row["venue_id"]] = QueryValues.count(row, "n")
        }
        let venues = try Row.fetchAll(
            db, sql: "SELECT id, code, name, capacity FROM lesson_venues WHERE lesson_id = ? ORDER BY main DESC, code",
            arguments: [lessonID]
        ).map { row in
            VenueCount(
                code: row["code"], name: row["name"], capacity: QueryValues.count(row, "capacity"),
                checkedIn: counts[row["id"] as Data] ?? 0)
        }
        let members = try Row.fetchAll(
            db,
            sql: """
                SELECT m.number, m.name, v.code AS venue_code, c.at, c.method
                FROM check_ins c
                JOIN members m ON m.id = c.member_id
                JOIN lesson_venues v ON v.id = c.venue_id
                WHERE c.lesson_id = ?
                ORDER BY c.at, m.number
                """,
            arguments: [lessonID]
        ).map { row in
            AttendanceLine(
                memberNumber: row["number"], name: row["name"], venueCode: row["venue_code"], at: QueryValues.time(row, "at"),
                method: try QueryValues.value(row, "method"))
        }
        return AttendanceView(
            lesson: query.lesson, courseName: lesson["course_name"], start: QueryValues.time(lesson, "start"),
            end: QueryValues.time(lesson, "end"), enrolled: UInt32(clamping: enrolled),
            checkedIn: UInt32(clamping: members.count), venues: venues, members: members)
    }
}
