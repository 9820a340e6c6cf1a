import GRDB
import PeixunMessages
import PeixunStore

/// Excellence rates (优秀率): the share of instructor scores (ScoreRecorded) that are excellent,
/// for the classes run by each school or committee in scope, scores committed in the window.
enum Excellence {
    static func schools(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [ExcellenceRow] {
        try db.rows(
            Scope.cte + """
                SELECT s.organiser_id, coalesce(o.code, '') AS code, coalesce(o.name, '') AS name,
                       count(*) AS scores, sum(s.excellent) AS excellent
                FROM scores s LEFT JOIN organisations o ON o.id = s.organiser_id
                WHERE s.organiser_id IN scope AND s.known_at >= :start AND s.known_at < :end
                GROUP BY s.organiser_id
                ORDER BY code
                """, scope.arguments(window)
        ).map { row in
            let (scores, excellent) = (row.count("scores"), row.count("excellent"))
            return ExcellenceRow(
                organisation: try row.uuid("organiser_id"), code: row["code"], name: row["name"], scores: scores,
                excellent: excellent, excellenceRate: rate(excellent, of: scores))
        }
    }

    static func rate(_ part: UInt32, of whole: UInt32) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }
}
