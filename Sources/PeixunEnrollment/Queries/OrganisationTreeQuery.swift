import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// ShowOrganisationTree: an organisation and everything under it, depth first (each node before
/// its children, siblings by code), the asked node at depth 0.
enum OrganisationTreeQuery {
    static func show(_ query: ShowOrganisationTree, in db: Database) throws -> OrganisationTreeView {
        // The recursive step looks children up by parent_id (organisations_by_parent); each node's
        // path is its ancestors' codes joined by char(1), which sorts below every character a code
        // may hold, so ordering by path is depth first with siblings by code. Members are counted
        // through members_by_branch.
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH RECURSIVE tree(id, code, name, kind, parent_code, depth, path) AS (
                    SELECT o.id, o.code, o.name, o.kind, p.code, 0, o.code
                    FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
                    WHERE o.code = ?
                    UNION ALL
                    SELECT o.id, o.code, o.name, o.kind, tree.code, tree.depth + 1, tree.path || char(1) || o.code
                    FROM organisations o JOIN tree ON o.parent_id = tree.id
                )
                SELECT code, name, kind, parent_code, depth,
                       (SELECT count(*) FROM members m WHERE m.branch_id = tree.id) AS members
                FROM tree
                ORDER BY path
                """,
            arguments: [query.code])
        guard !rows.isEmpty else {
            throw EnrollmentError("organisation.unknown", "there is no organisation with code \(query.code)")
        }
        return OrganisationTreeView(
            nodes: try rows.map { row in
                OrganisationNode(
                    code: row["code"], name: row["name"], kind: try QueryValues.value(row, "kind"), parentCode: row["parent_code"],
                    depth: QueryValues.count(row, "depth"), members: QueryValues.count(row, "members"))
            })
    }
}
