import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Coverage (覆盖率): members trained this year over members on the roster, for an organisation
/// and each organisation below it, each counting every branch below it.
///
/// "On the roster": registered (MemberRegistered) before the window ends. "Trained": completed a
/// period (PeriodCompleted) of the window's year, committed before the window ends.
enum Coverage {
    /// The organisation first, then everything below it, depth first (siblings by code).
    static func rows(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [CoverageRow] {
        guard scope.root != nil else { return [] }
        let arguments = scope.arguments(window)
        // Each node's path is its ancestors' codes joined by char(1), which sorts below every
        // character a code may hold: ordering by path is depth first with siblings by code.
        let nodes = try db.rows(
            """
            WITH RECURSIVE tree(id, parent_id, code, name, depth, path) AS (
                SELECT id, parent_id, code, name, 0, code FROM organisations WHERE id = :root
                UNION ALL
                SELECT o.id, o.parent_id, o.code, o.name, tree.depth + 1, tree.path || char(1) || o.code
                FROM organisations o JOIN tree ON o.parent_id = tree.id
                WHERE o.known_at < :end
            )
            SELECT id, parent_id, code, name, depth FROM tree ORDER BY path
            """, arguments)
        var totals: [Data: (roster: UInt32, trained: UInt32)] = [:]
        for row in try db.rows(
            Scope.cte + """
                SELECT m.branch_id, count(*) AS roster,
                       sum(EXISTS (SELECT 1 FROM completions c
                                   WHERE c.member_id = m.id AND c.year = :year AND c.known_at < :end)) AS trained
                FROM members m
                WHERE m.branch_id IN scope AND m.known_at < :end
                GROUP BY m.branch_id
                """, arguments)
        {
            totals[row["branch_id"]] = (row.count("roster"), row.count("trained"))
        }
        // Children come after their parent: adding each node's totals to its parent from the
        // last node up rolls every branch into every organisation above it.
        for row in nodes.reversed() {
            guard let parent = row["parent_id"] as Data?, row.count("depth") > 0 else { continue }
            let own = totals[row["id"], default: (0, 0)]
            let sum = totals[parent, default: (0, 0)]
            totals[parent] = (sum.roster + own.roster, sum.trained + own.trained)
        }
        return try nodes.map { row in
            let total = totals[row["id"], default: (0, 0)]
            return CoverageRow(
                organisation: try row.uuid("id"), code: row["code"], name: row["name"], depth: row.count("depth"),
                rosterMembers: total.roster, trainedMembers: total.trained,
                coverage: total.roster == 0 ? 0 : Double(total.trained) / Double(total.roster))
        }
    }

    /// Different members in scope who completed a period of `window.year` committed before `before`.
    static func trained(_ scope: Scope, _ window: ReportWindow, before: WireTimestamp, in db: Database) throws -> Int {
        var arguments = scope.arguments(window)
        arguments += ["before": before.microsecondsSinceEpoch]
        return try db.int(
            Scope.cte + """
                SELECT count(DISTINCT c.member_id)
                FROM completions c JOIN members m ON m.id = c.member_id
                WHERE m.branch_id IN scope AND c.year = :year AND c.known_at < :before AND m.known_at < :before
                """, arguments)
    }
}
