import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// ShowCabinet: a committee's cabinet (一委一柜): each member's record in summary, its sealed
/// months and the root over the heads as they stand now.
enum CabinetQuery {
    static func show(_ query: ShowCabinet, in db: Database) throws -> CabinetView {
        let committee = try Lookup.organisation(code: query.committeeCode, in: db)
        let rows = try db.rows(
            """
            SELECT m.*, b.code AS branch_code, b.name AS branch_name FROM members m JOIN organisations b ON b.id = m.branch_id
            WHERE b.parent_id = ? ORDER BY m.number
            """, [StoredUUID.encode(committee.id)])
        var members: [CabinetMember] = []
        for row in rows {
            let member = try Lookup.member(row)
            let counts = try db.row(
                """
                SELECT count(*) AS entries, coalesce(sum(kind IN (1, 8)), 0) AS forms,
                       coalesce(sum(kind = 3 AND lane = 1), 0) AS completions
                FROM entries WHERE member_id = ?
                """, [StoredUUID.encode(member.id)])
            members.append(
                CabinetMember(
                    memberNumber: member.number, name: member.name, branchCode: row["branch_code"], branchName: row["branch_name"],
                    entries: counts?["entries"] ?? 0, registrationForms: counts?["forms"] ?? 0, completions: counts?["completions"] ?? 0,
                    creditHours: try LedgerQuery.hours(member.id, year: nil, in: db),
                    head: try Chains.memberHead(member.id, before: nil, in: db) ?? []))
        }
        let roots = try db.rows(
            "SELECT month, root, members FROM monthly_roots WHERE committee_id = ? ORDER BY month", [StoredUUID.encode(committee.id)]
        ).map { MonthRoot(month: $0["month"], root: $0.bytes("root"), members: $0["members"]) }
        return CabinetView(
            committee: committee.id, code: committee.code, name: committee.name, members: members, roots: roots,
            currentRoot: try Chains.committeeRoot(committee.id, before: nil, in: db).root)
    }
}
