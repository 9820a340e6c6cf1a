import Foundation
public import GRDB
public import Logging

/// One service's durable store: a single SQLite file, opened through GRDB's `DatabasePool`.
///
/// - WAL mode (the pool's own): readers never block the writer, the writer never blocks readers.
/// - `busy_timeout`: another process (or a second store on the same file) holding the write
///   lock makes a writer wait, not fail at once.
/// - Foreign keys on.
/// - `synchronous` as `Durability` says (FULL for owners, NORMAL for projections).
/// - The runtime's migrations (outbox, heads, published marks, command ledger, cursors), then
///   the service's own, each named and run once per file.
///
/// `write` is the transaction boundary: everything a command does
/// (its state, `Outbox.append`, `CommandLedger.execute`) or a subscriber does (its projection,
/// `Cursors.apply`) happens inside one call and commits together or not at all.
public final class ServiceStore: Sendable {
    /// The SQLite file.
    public let path: String
    public let durability: Durability
    private let pool: DatabasePool

    /// The writer connection's page cache, KiB (`PRAGMA cache_size`): 8 MB unless the
    /// environment variable `PEIXUN_SQLITE_CACHE_MB` says otherwise (memory against speed:
    /// docs/operations.md). A value that is not a whole number of MB from 1 to 4096 is ignored.
    /// Measured (BENCHMARKS.md, 40,000 members): 8 MB and 64 MB give the same `Enroll` rate and
    /// the same ~2 KB read per command; 64 MB took each service's peak RSS past 100 MB.
    static let writerCacheKiB: Int = {
        let configured = ProcessInfo.processInfo.environment["PEIXUN_SQLITE_CACHE_MB"].flatMap(Int.init)
        guard let configured, (1...4096).contains(configured) else { return 8 * 1024 }
        return configured * 1024
    }()
    /// WAL pages (4 KiB) between automatic checkpoints (`PRAGMA wal_autocheckpoint`).
    static let checkpointPages = 10_000

    /// Opens (creating its folders and the file if needed) and migrates the store at `path`.
    ///
    /// - Parameters:
    ///   - busyTimeout: seconds a write waits for another connection's lock before failing.
    ///   - migrations: registers the service's own migrations (named, raw SQL, never edited
    ///     once shipped); they run after the runtime's. Names starting with `peixun-` are
    ///     reserved for the runtime.
    /// - Throws: `StoreError` `.cannotOpen` or `.migrationFailed`, naming `path`.
    public init(
        path: String,
        durability: Durability,
        busyTimeout: Double = 5,
        logger: Logger = Logger(label: "peixun.store"),
        migrations: (inout DatabaseMigrator) -> Void = { _ in }
    ) throws(StoreError) {
        self.path = path
        self.durability = durability

        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .cannotOpen, "cannot create the store's folder \(folder.path) (\(Self.reason(error)))", path: path,
                cause: error)
        }

        var configuration = Configuration()
        configuration.label = URL(fileURLWithPath: path).lastPathComponent
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        let durability = durability
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Set on the writer connection (the only one that commits), after the pool is open:
            // GRDB's WAL setup runs after `prepareDatabase` and sets NORMAL, which would
            // silently override a FULL chosen there.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousName)")
                // Every command runs in a savepoint (undone alone when it fails), whose statement
                // journal SQLite writes to a temporary *file* by default: about 48 KB of writes
                // per enrollment command, measured. It is scratch, never needed after a crash
                // (the WAL is the durable record), so it lives in memory.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                // The writer's page cache holds the service's working set (SQLite's default is
                // 2 MB; see writerCacheKiB): with 40,000 members the random-keyed indexes (uuids, member numbers, the
                // command ledger) outgrew it, and every command read ~20 KB of pages again from
                // the file, a fifth of its time in the kernel (enrollment profile, BENCHMARKS.md).
                // Only pages in use take memory. The writer is the only connection that keeps its
                // cache across transactions: a reader's is dropped whenever the file changed.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
                // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: a group commit writes
                // 1–2 MB of WAL, so the default checkpointed every other transaction, copying the
                // same hot index pages into the file again and again (and syncing it each time).
                // Commits stay durable (the WAL is synced at each commit under FULL).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            }
        } catch {
            throw StoreError(.cannotOpen, "cannot open the store", path: path, cause: error)
        }

        var runtime = DatabaseMigrator()
        RuntimeMigrations.register(in: &runtime)
        var service = DatabaseMigrator()
        migrations(&service)
        if let reserved = service.migrations.first(where: { $0.hasPrefix(RuntimeMigrations.reservedPrefix) }) {
            throw StoreError(
                .migrationFailed, "service migration \"\(reserved)\" uses the reserved prefix "
                    + "\"\(RuntimeMigrations.reservedPrefix)\"", path: path)
        }
        for migrator in [runtime, service] {
            try Self.migrate(pool, with: migrator, path: path, logger: logger)
        }
        logger.debug("store opened", metadata: ["path": "\(path)", "durability": "\(durability)"])
    }

    /// Runs `updates` in one write transaction (IMMEDIATE; writes are serialized): it commits
    /// if `updates` returns and rolls back if it throws. Blocks the calling thread: call it from
    /// a dedicated thread, never from the cooperative pool (use the async variant there).
    ///
    /// Errors thrown by `updates` come out unchanged; SQLite's own (busy, disk full, a failed
    /// commit) come out as `StoreError` `.databaseFailed`.
    @discardableResult
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try StoreError.wrappingSQLite(.databaseFailed, "write transaction failed", path: path) {
            try pool.write(updates)
        }
    }

    /// Runs `updates` in one write transaction without blocking a cooperative thread.
    @discardableResult
    public func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch let error as DatabaseError {
            throw StoreError(.databaseFailed, "write transaction failed", path: path, cause: error)
        }
    }

    /// Runs `value` on a reader connection, in a snapshot of the last commit (WAL: concurrent
    /// with writes). Blocks the calling thread.
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        try StoreError.wrappingSQLite(.databaseFailed, "read failed", path: path) {
            try pool.read(value)
        }
    }

    /// Runs `value` on a reader connection without blocking a cooperative thread.
    public func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch let error as DatabaseError {
            throw StoreError(.databaseFailed, "read failed", path: path, cause: error)
        }
    }

    /// Closes every connection. Reads and writes fail afterwards; open the file again with a
    /// new `ServiceStore`. Releasing the last reference closes it too.
    public func close() throws(StoreError) {
        do {
            try pool.close()
        } catch {
            throw StoreError(.databaseFailed, "cannot close the store", path: path, cause: error)
        }
    }

    /// The operating system's reason under a Foundation file error ("Not a directory"), which
    /// the error's own description buries in a dictionary.
    private static func reason(_ error: any Error) -> String {
        let userInfo = (error as NSError).userInfo
        if let posix = (userInfo[NSUnderlyingErrorKey] as? POSIXError) ?? (error as? POSIXError) {
            return String(cString: strerror(posix.code.rawValue))
        }
        return (error as NSError).localizedDescription
    }

    /// Runs `migrator`'s pending migrations and logs each one that ran. On failure, names the
    /// migration that failed: the first registered one still not applied (GRDB runs each in its
    /// own transaction, so the ones before it stay applied).
    private static func migrate(
        _ pool: DatabasePool, with migrator: DatabaseMigrator, path: String, logger: Logger
    ) throws(StoreError) {
        func applied() throws(StoreError) -> Set<String> {
            do {
                return try pool.read { db in try migrator.appliedIdentifiers(db) }
            } catch {
                throw StoreError(.migrationFailed, "cannot read the applied migrations", path: path, cause: error)
            }
        }
        let before = try applied()
        do {
            try migrator.migrate(pool)
        } catch {
            let after = (try? applied()) ?? before
            let failed = migrator.migrations.first { !after.contains($0) } ?? "?"
            throw StoreError(.migrationFailed, "migration \"\(failed)\" failed", path: path, cause: error)
        }
        for name in migrator.migrations where !before.contains(name) {
            logger.info("store migrated", metadata: ["path": "\(path)", "migration": "\(name)"])
        }
    }
}
