import Foundation
import GRDB

/// An online, consistent copy of a store file, taken while its service runs.
///
/// The copy is SQLite's backup API (GRDB's `DatabaseReader.backup(to:)`) in one step, inside one
/// read transaction on the source: it is the snapshot of the last commit when the copy began,
/// with what is still in the WAL and not yet checkpointed into the file. In WAL mode a reader
/// never blocks the writer, so the service keeps committing while the copy is taken.
///
/// The copy is written beside its final name (`<name>.partial`), switched to a self-contained
/// file (`journal_mode = DELETE`: no `-wal` or `-shm` to carry along), checked with
/// `PRAGMA integrity_check`, and only then renamed to its final name. A file that already exists
/// is never overwritten.
public enum StoreBackup {
    /// What one verified copy holds.
    public struct Copy: Sendable, Hashable {
        /// The copy's path.
        public var path: String
        /// Its size, in bytes.
        public var bytes: Int
        /// The migrations applied to it, in the order they ran (its schema version).
        public var migrations: [String]
    }

    /// Copies the store at `source` to `destination` and verifies the copy.
    ///
    /// - Throws: `StoreError` `.cannotOpen` when `source` does not exist, `.destinationExists`
    ///   when `destination` (or its `.partial`, `-wal`, `-shm` or `-journal` file) already
    ///   exists, `.backupFailed` when the source cannot be read, SQLite's backup fails or the
    ///   copy fails its integrity check (the partial copy is then removed).
    @discardableResult
    public static func copy(from source: String, to destination: String, busyTimeout: Double = 5) throws(StoreError)
        -> Copy
    {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError(.cannotOpen, "there is no store file to back up", path: source)
        }
        let partial = destination + ".partial"
        for path in [destination, partial] + sidecars(of: destination) + sidecars(of: partial)
        where FileManager.default.fileExists(atPath: path) {
            throw StoreError(.destinationExists, "the backup would overwrite \(path); choose a fresh folder", path: source)
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        do {
            // Read-write only so that SQLite may attach to the live WAL and its index. No row
            // changes and no migration runs; if the service is stopped, closing this last
            // connection checkpoints the WAL into the file, as the service's own close does.
            let reader = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? reader.close() }
            let writer = try DatabaseQueue(path: partial)
            try reader.backup(to: writer)
            try writer.close()
        } catch {
            removeQuietly(partial)
            throw StoreError(.backupFailed, "SQLite's backup of the store failed", path: source, cause: error)
        }

        let copy: Copy
        do throws(StoreError) {
            copy = try verify(partial, makingSelfContained: true)
        } catch {
            removeQuietly(partial)
            throw error
        }
        do {
            // Fails rather than replaces if `destination` appeared in the meantime.
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            removeQuietly(partial)
            throw StoreError(.destinationExists, "cannot move the verified copy to \(destination)", path: source, cause: error)
        }
        return Copy(path: destination, bytes: copy.bytes, migrations: copy.migrations)
    }

    /// Checks the store file at `path` with `PRAGMA integrity_check` and reads its applied
    /// migrations. Nothing is written unless `makingSelfContained` (then the file's journal mode
    /// becomes DELETE, so it is one file).
    ///
    /// - Throws: `StoreError` `.backupFailed` naming the first problem SQLite reports.
    public static func verify(_ path: String, makingSelfContained: Bool = false) throws(StoreError) -> Copy {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.cannotOpen, "there is no store file to verify", path: path)
        }
        let (problems, migrations): ([String], [String])
        do {
            var configuration = Configuration()
            configuration.readonly = !makingSelfContained
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            (problems, migrations) = try queue.inDatabase { db in
                if makingSelfContained { try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                let migrations =
                    try db.tableExists("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") : []
                return (problems, migrations)
            }
        } catch {
            throw StoreError(.backupFailed, "the copy cannot be checked", path: path, cause: error)
        }
        if let first = problems.first {
            throw StoreError(
                .backupFailed, "the copy fails its integrity check (\(problems.count) problem(s); first: \(first))", path: path)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        return Copy(path: path, bytes: size ?? 0, migrations: migrations)
    }

    /// The files SQLite keeps beside a database while it is open or mid-transaction.
    static func sidecars(of path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }
    }

    private static func removeQuietly(_ path: String) {
        for file in [path] + sidecars(of: path) { try? FileManager.default.removeItem(atPath: file) }
    }
}
