import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// A row of `entries` read back: the hashed content as stored, its link and its hash.
struct StoredEntry {
    let content: ArchiveEntryContent
    let previousHash: [UInt8]
    let hash: [UInt8]

    init(_ row: Row) throws {
        guard let lane = ArchiveLane(rawValue: row["lane"]), let kind = ArchiveEntryKind(rawValue: row["kind"]) else {
            throw ArchiveError("store.corrupt", "an entry has an unknown lane \(row["lane"] as Int64) or kind \(row["kind"] as Int64)")
        }
        content = ArchiveEntryContent(
            member: try row.uuid("member_id"), lane: lane, entry: row["entry"], kind: kind,
            at: WireTimestamp(microsecondsSinceEpoch: row["at"]), sourceSequence: row["source_sequence"],
            trainingClass: try row.uuid("class_id"), period: try row.uuid("period_id"), lesson: try row.uuid("lesson_id"),
            course: try row.uuid("course_id"), creditHours: row["credit_hours"], score: row["score"], passed: row["passed"])
        previousHash = row.bytes("previous_hash")
        hash = row.bytes("hash")
    }

    /// A member's entries, enrollment lane first, each lane in chain order (the primary key).
    static func all(member: WireUUID, in db: Database) throws -> [StoredEntry] {
        try db.rows("SELECT * FROM entries WHERE member_id = ? ORDER BY lane, entry", [StoredUUID.encode(member)]).map(StoredEntry.init)
    }
}
