import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// ShowLedger: credit hours (学时) per member and year against the yearly quota.
///
/// A period's hours count once: from scoring's CompletionConfirmed when the class has a completion
/// exam (attendance alone does not complete it), from enrollment's PeriodCompleted otherwise.
/// Decided when asked, so the order the two streams arrived in does not matter.
enum LedgerQuery {
    static func show(_ query: ShowLedger, settings: ArchiveSettings, in db: Database) throws -> LedgerView {
        var members: [Lookup.Member] = []
        if let number = query.memberNumber {
            members = [try Lookup.member(number: number, in: db)]
        } else if let code = query.committeeCode {
            let committee = try Lookup.organisation(code: code, in: db)
            members = try db.rows(
                "SELECT m.* FROM members m JOIN organisations b ON b.id = m.branch_id WHERE b.parent_id = ? ORDER BY m.number",
                [StoredUUID.encode(committee.id)]
            ).map(Lookup.member)
        } else {
            throw ArchiveError("ledger.noSubject", "name a member or a committee")
        }
        let lines = try members.map { member in
            let quota = member.secretary ? settings.secretaryQuota : settings.memberQuota
            let hours = try hours(member.id, year: query.year, in: db)
            return LedgerLine(memberNumber: member.number, name: member.name, quota: quota, hours: hours, owed: max(0, quota - hours))
        }
        return LedgerView(year: query.year, lines: lines)
    }

    /// The member's credited hours in `year` (every year when nil).
    static func hours(_ member: WireUUID, year: UInt32?, in db: Database) throws -> Double {
        let row = try db.row(
            """
            SELECT coalesce(sum(c.credit_hours), 0) AS hours FROM completions c LEFT JOIN classes k ON k.id = c.class_id
            WHERE c.member_id = ?1 AND (?2 IS NULL OR c.year = ?2)
              AND ((c.lane = 1 AND k.exam_pass_mark IS NULL) OR (c.lane = 2 AND k.exam_pass_mark IS NOT NULL))
            """, [StoredUUID.encode(member), year])
        return row?["hours"] ?? 0
    }
}
