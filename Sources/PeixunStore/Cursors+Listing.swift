public import GRDB
public import PeixunMessages

extension Cursors {
    /// Every stream this store follows and how far it has applied each, in key order (for
    /// status pages: a follower's lag is the stream's head minus its cursor).
    public static func all(in db: Database) throws -> [(stream: StreamID, appliedThrough: UInt64)] {
        let rows = try StoreError.wrappingSQLite(.databaseFailed, "cannot list the cursors") {
            try Row.fetchAll(db, sql: "SELECT stream, applied_through FROM peixun_cursors ORDER BY stream")
        }
        return try rows.map { row in
            (try StoreColumns.stream(row["stream"]),
             try StoreColumns.sequence(row["applied_through"], column: "peixun_cursors.applied_through"))
        }
    }
}
