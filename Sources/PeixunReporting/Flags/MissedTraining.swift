import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Missed training (漏训), standing flags as of the window's end for the window's year:
/// - a member on the roster who completed no period this year;
/// - a branch secretary without fallback training (兜底): who completed no period of a class
///   whose target group names branch secretaries. A class open to everyone does not count: fallback
///   training is the training organised for secretaries as such.
enum MissedTraining {
    static func members(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + """
                SELECT m.id, m.number, m.name, m.branch_id, coalesce(o.code, '') AS branch_code
                FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
                WHERE m.branch_id IN scope AND m.known_at < :end
                  AND NOT EXISTS (SELECT 1 FROM completions c
                                  WHERE c.member_id = m.id AND c.year = :year AND c.known_at < :end)
                """, scope.arguments(window)
        ).map { row in
            try flag(.missedTraining, row, window, "截至\(window.closing)，\(window.year)年未完成任何培训期次（漏训）")
        }
    }

    static func secretariesWithoutFallback(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + """
                SELECT m.id, m.number, m.name, m.branch_id, coalesce(o.code, '') AS branch_code
                FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
                WHERE m.branch_id IN scope AND m.secretary = 1 AND m.known_at < :end
                  AND NOT EXISTS (SELECT 1 FROM completions c JOIN classes k ON k.id = c.class_id
                                  WHERE c.member_id = m.id AND c.year = :year AND c.known_at < :end
                                    AND k.for_secretaries = 1)
                """, scope.arguments(window)
        ).map { row in
            try flag(
                .secretaryWithoutFallback, row, window,
                "截至\(window.closing)，党组织书记\(window.year)年未完成面向书记的兜底培训")
        }
    }

    private static func flag(_ kind: FlagKind, _ row: Row, _ window: ReportWindow, _ detail: String) throws -> Flag {
        Flag(
            kind: kind, subject: try row.uuid("id"), subjectCode: row["number"], subjectName: row["name"],
            organisation: try row.uuid("branch_id"), organisationCode: row["branch_code"], at: window.end, detail: detail)
    }
}
