import Foundation
import GRDB
import PeixunCodec
import PeixunStore

/// The organisations a report covers: one organisation and every one below it, or the whole
/// tree. Every report query starts with `cte`, a recursive walk down `organisations_by_parent`
/// that names the set `scope(id)`.
struct Scope: Sendable {
    /// The organisation reported on; nil for the whole tree.
    let root: OrganisationRecord?

    static let cte = """
        WITH RECURSIVE scope(id) AS (
            SELECT id FROM organisations WHERE (:root IS NULL AND parent_id IS NULL) OR id = :root
            UNION ALL
            SELECT o.id FROM organisations o JOIN scope ON o.parent_id = scope.id
        )
        """

    /// The organisation with `code` and everything below it; `organisation.unknown` if there is none.
    static func organisation(code: String, in db: Database) throws -> Scope {
        guard let row = try db.row("SELECT * FROM organisations WHERE code = ?", [code]) else {
            throw ReportingError("organisation.unknown", "there is no organisation with code \(code)")
        }
        return Scope(root: try OrganisationRecord(row))
    }

    static let wholeTree = Scope(root: nil)

    /// `:root` and the window's bounds (`:start`, `:end`, `:year`), the arguments every report query takes.
    func arguments(_ window: ReportWindow) -> StatementArguments {
        [
            "root": root.map { StoredUUID.encode($0.id) }, "start": window.start.microsecondsSinceEpoch,
            "end": window.end.microsecondsSinceEpoch, "year": window.year,
        ]
    }
}

/// An organisation as reporting learned it from OrganisationRegistered.
struct OrganisationRecord: Sendable, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let parent: WireUUID?

    init(_ row: Row) throws {
        id = try row.uuid("id")
        code = row["code"]
        name = row["name"]
        parent = try (row["parent_id"] as Data?).map { data throws(StoreError) in try StoredUUID.decode(data, column: "parent_id") }
    }
}
