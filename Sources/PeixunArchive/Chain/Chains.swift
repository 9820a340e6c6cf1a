import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The members' chains in the store: appending an entry, and reading heads now or as they stood
/// at a month's end.
enum Chains {
    /// The last entry of a member's lane: (its number, its hash), or nil for an empty lane.
    static func last(member: WireUUID, lane: ArchiveLane, in db: Database) throws -> (entry: UInt64, hash: [UInt8])? {
        // The primary key (member_id, lane, entry), read backwards: one row. Stepped by hand
        // (`Database+Steps`): it runs for every event the archive files.
        try db.first(
            "SELECT entry, hash FROM entries WHERE member_id = ? AND lane = ? ORDER BY entry DESC LIMIT 1",
            [.uuid(member), .int(Int64(lane.rawValue))]
        ) { row in
            (UInt64(try row.storedInteger(0, name: "entries.entry")), try row.storedBlob(1, name: "entries.hash"))
        }
    }

    /// Appends `content` (its `entry` is set here) to its member's lane and returns the filed event.
    static func append(_ content: ArchiveEntryContent, committee: WireUUID, in db: Database) throws -> ArchiveEntryFiled {
        var content = content
        let last = try last(member: content.member, lane: content.lane, in: db)
        content.entry = (last?.entry ?? 0) + 1
        let previous = last?.hash ?? []
        let hash = ArchiveHash.entry(content, previous: previous)
        try db.perform(
            """
            INSERT INTO entries (member_id, lane, entry, kind, at, source_sequence, class_id, period_id, lesson_id,
                                 course_id, credit_hours, score, passed, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(content.member), .int(Int64(content.lane.rawValue)), .int(Int64(content.entry)), .int(Int64(content.kind.rawValue)),
                .int(content.at.microsecondsSinceEpoch), .int(Int64(content.sourceSequence)), .uuid(content.trainingClass),
                .uuid(content.period), .uuid(content.lesson), .uuid(content.course), .real(content.creditHours),
                content.score.map { .real($0) } ?? .null, content.passed.map { .int($0 ? 1 : 0) } ?? .null, .blob(previous), .blob(hash),
            ])
        return ArchiveEntryFiled(
            member: content.member, committee: committee, entry: content.entry, kind: content.kind,
            creditHours: content.creditHours, previousHash: previous, hash: hash, at: content.at, lane: content.lane,
            content: content)
    }

    /// The member's head over both lanes, from each lane's last entry before `end` (all entries
    /// when nil). Nil when the member has no such entry.
    static func memberHead(_ member: WireUUID, before end: WireTimestamp?, in db: Database) throws -> [UInt8]? {
        let enrollment = try laneHead(member, .enrollment, before: end, in: db)
        let scoring = try laneHead(member, .scoring, before: end, in: db)
        if enrollment == nil && scoring == nil { return nil }
        return ArchiveHash.memberHead(enrollment: enrollment, scoring: scoring)
    }

    static func laneHead(_ member: WireUUID, _ lane: ArchiveLane, before end: WireTimestamp?, in db: Database) throws -> [UInt8]? {
        let row = try db.row(
            "SELECT hash FROM entries WHERE member_id = ? AND lane = ? AND at < ? ORDER BY entry DESC LIMIT 1",
            [StoredUUID.encode(member), lane.rawValue, end?.microsecondsSinceEpoch ?? Int64.max])
        return row?.bytes("hash")
    }

    /// The members of a committee: those whose branch's parent is the committee.
    static func committeeMembers(_ committee: WireUUID, in db: Database) throws -> [WireUUID] {
        try db.rows(
            """
            SELECT m.id FROM members m JOIN organisations b ON b.id = m.branch_id
            WHERE b.parent_id = ? ORDER BY m.id
            """, [StoredUUID.encode(committee)]
        ).map { try $0.uuid("id") }
    }

    /// The Merkle root of a committee's members' heads before `end` (now when nil), and its leaf count.
    static func committeeRoot(_ committee: WireUUID, before end: WireTimestamp?, in db: Database) throws -> (root: [UInt8], members: Int) {
        var leaves: [(member: WireUUID, head: [UInt8])] = []
        for member in try committeeMembers(committee, in: db) {
            if let head = try memberHead(member, before: end, in: db) { leaves.append((member, head)) }
        }
        return (ArchiveHash.merkleRoot(leaves), leaves.count)
    }
}
