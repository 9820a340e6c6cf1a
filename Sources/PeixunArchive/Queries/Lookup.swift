import Foundation
import GRDB
import PeixunCodec
import PeixunStore

/// Finding what people type (codes, member numbers) in the archive's own tables; a missing one
/// is a refusal naming what was asked for.
enum Lookup {
    struct Organisation {
        let id: WireUUID
        let code: String
        let name: String
    }

    struct Member {
        let id: WireUUID
        let number: String
        let name: String
        let branch: WireUUID
        let secretary: Bool
    }

    static func organisation(code: String, in db: Database) throws -> Organisation {
        guard let row = try db.row("SELECT id, code, name FROM organisations WHERE code = ?", [code]) else {
            throw ArchiveError("archive.unknownCommittee", "organisation \(code) is not known to the archive")
        }
        return Organisation(id: try row.uuid("id"), code: row["code"], name: row["name"])
    }

    static func organisation(id: WireUUID, in db: Database) throws -> Organisation? {
        guard let row = try db.row("SELECT id, code, name FROM organisations WHERE id = ?", [StoredUUID.encode(id)]) else { return nil }
        return Organisation(id: id, code: row["code"], name: row["name"])
    }

    static func member(number: String, in db: Database) throws -> Member {
        guard let row = try db.row("SELECT * FROM members WHERE number = ?", [number]) else {
            throw ArchiveError("archive.unknownMember", "member \(number) has no record in the archive")
        }
        return try member(row)
    }

    static func member(_ row: Row) throws -> Member {
        Member(id: try row.uuid("id"), number: row["number"], name: row["name"], branch: try row.uuid("branch_id"), secretary: row["secretary"])
    }

    /// The committee owning a branch: its parent.
    static func committee(ofBranch branch: WireUUID, in db: Database) throws -> Organisation? {
        guard let parent = try db.row("SELECT parent_id FROM organisations WHERE id = ?", [StoredUUID.encode(branch)])?["parent_id"] as Data?
        else { return nil }
        return try organisation(id: try StoredUUID.decode(parent), in: db)
    }
}
