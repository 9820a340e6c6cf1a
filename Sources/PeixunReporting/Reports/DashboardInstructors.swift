import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Instructor excellence leaders: the instructors scored (ScoreRecorded) in classes organised in
/// scope, in the window, by excellence rate (excellent / scores), then by scores.
///
/// Only instructors scored by at least `minimumRaters` different members: a rate from two or
/// three people says little and would put a newcomer with one excellent score on top. (Scoring
/// hides an instructor's share below the same kind of threshold; see `ExcellenceView.minimumRaters`.)
enum DashboardInstructors {
    static let minimumRaters = 5
    static let leaders = 10

    static func leaders(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [DashboardInstructor] {
        let rows = try db.rows(
            Scope.cte + """
                SELECT s.instructor_id, coalesce(i.name, '') AS name, count(*) AS scores,
                       count(DISTINCT s.member_id) AS raters, sum(s.excellent) AS excellent
                FROM scores s LEFT JOIN instructors i ON i.id = s.instructor_id
                WHERE s.organiser_id IN scope AND s.known_at >= :start AND s.known_at < :end
                  AND s.instructor_id IS NOT NULL
                GROUP BY s.instructor_id
                HAVING count(DISTINCT s.member_id) >= :minimum
                """, scope.arguments(window) + ["minimum": minimumRaters])
        let instructors = try rows.map { row in
            let (scores, excellent) = (row.count("scores"), row.count("excellent"))
            return DashboardInstructor(
                instructor: try row.uuid("instructor_id"), name: row["name"], scores: scores, raters: row.count("raters"),
                excellent: excellent, excellenceRate: Excellence.rate(excellent, of: scores))
        }
        // Ties broken by id, so the same events always give the same leaders.
        let ranked = instructors.sorted { a, b in
            if a.excellenceRate != b.excellenceRate { return a.excellenceRate > b.excellenceRate }
            if a.scores != b.scores { return a.scores > b.scores }
            return a.instructor < b.instructor
        }
        return Array(ranked.prefix(leaders))
    }
}
