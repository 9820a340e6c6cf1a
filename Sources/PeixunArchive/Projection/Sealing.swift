import Foundation
import GRDB
import PeixunCalendar
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Sealing months. A followed stream's events come in time order, so once every sealing stream
/// has delivered an event of a later month, no entry of the month can still arrive: its roots are
/// final, and a rebuild reaches the same point with the same entries.
enum Sealing {
    static let sealedKey = "$sealed"

    /// Records that `stream` reached `month`; seals every month now complete and returns the seals.
    static func advance(
        stream: String, to month: ChinaMonth, settings: ArchiveSettings, cause: Envelope, in db: Database
    ) throws -> [MonthlyRootSealed] {
        // Every event asks: stepped by hand (`Database+Steps`), no `Row`.
        let known = try db.first("SELECT month FROM stream_months WHERE stream = ?", [.text(stream)]) { $0.text(0) }.flatMap(ChinaMonth.init)
        if let known, known >= month { return [] }
        try db.run("INSERT OR REPLACE INTO stream_months (stream, month) VALUES (?, ?)", [stream, month.description])
        guard let complete = try completeMonth(settings: settings, in: db) else { return [] }
        return try sealMonths(before: complete, cause: cause, in: db)
    }

    /// The earliest month any sealing stream is in: every month before it is complete.
    static func completeMonth(settings: ArchiveSettings, in db: Database) throws -> ChinaMonth? {
        var months: [ChinaMonth] = []
        for stream in settings.sealingStreams {
            guard let row = try db.row("SELECT month FROM stream_months WHERE stream = ?", [stream]),
                let month = ChinaMonth(row["month"] as String)
            else { return nil }
            months.append(month)
        }
        return months.min()
    }

    /// The latest month any stream has delivered an event of.
    static func latestMonth(in db: Database) throws -> ChinaMonth? {
        try db.rows("SELECT month FROM stream_months WHERE stream != ?", [sealedKey]).compactMap { ChinaMonth($0["month"] as String) }.max()
    }

    static func sealMonths(before complete: ChinaMonth, cause: Envelope, in db: Database) throws -> [MonthlyRootSealed] {
        let sealedThrough = try db.row("SELECT month FROM stream_months WHERE stream = ?", [sealedKey]).flatMap {
            ChinaMonth($0["month"] as String)
        }
        guard let firstAt = try db.row("SELECT min(at) AS first FROM entries")?["first"] as Int64? else { return [] }
        var sealed: [MonthlyRootSealed] = []
        var month = sealedThrough?.next ?? ChinaMonth(WireTimestamp(microsecondsSinceEpoch: firstAt))
        while month < complete {
            for committee in try committees(before: month.end, in: db) {
                if let root = try seal(
                    committee, month: month, time: cause.time, commandID: cause.commandID, correlationID: cause.correlationID, in: db)
                {
                    sealed.append(root)
                }
            }
            try db.run("INSERT OR REPLACE INTO stream_months (stream, month) VALUES (?, ?)", [sealedKey, month.description])
            month = month.next
        }
        return sealed
    }

    /// Committees with a member who has an entry before `end`.
    static func committees(before end: WireTimestamp, in db: Database) throws -> [WireUUID] {
        try db.rows(
            """
            SELECT DISTINCT b.parent_id FROM entries e
            JOIN members m ON m.id = e.member_id JOIN organisations b ON b.id = m.branch_id
            WHERE e.at < ? AND b.parent_id IS NOT NULL ORDER BY b.parent_id
            """, [end.microsecondsSinceEpoch]
        ).map { try $0.uuid("parent_id") }
    }

    /// Seals `committee`'s `month` unless it is sealed already or has no member with an entry;
    /// returns the event published.
    static func seal(
        _ committee: WireUUID, month: ChinaMonth, time: WireTimestamp, commandID: WireUUID, correlationID: WireUUID,
        in db: Database
    ) throws -> MonthlyRootSealed? {
        let key = StoredUUID.encode(committee)
        if try db.row("SELECT 1 FROM monthly_roots WHERE committee_id = ? AND month = ?", [key, month.description]) != nil {
            return nil
        }
        let (root, members) = try Chains.committeeRoot(committee, before: month.end, in: db)
        guard members > 0 else { return nil }
        try db.run(
            "INSERT INTO monthly_roots (committee_id, month, root, members) VALUES (?, ?, ?, ?)",
            [key, month.description, Data(root), members])
        let code = try db.row("SELECT code FROM organisations WHERE id = ?", [key])?["code"] as String? ?? ""
        let event = MonthlyRootSealed(committee: committee, month: month.description, root: root, members: UInt32(members), committeeCode: code)
        try Outbox.append(event, stream: ArchiveStore.stream, commandID: commandID, correlationID: correlationID, at: time, in: db)
        return event
    }
}
