import Foundation
import GRDB
import PeixunMessages
import PeixunStore
import Testing

@Suite("Opening a service's store")
struct ServiceStoreTests {
    @Test(
        "The file is in WAL mode and syncs as its durability says",
        arguments: [(ServiceStore.Durability.owner, 2), (.projection, 1)])
    func pragmas(durability: ServiceStore.Durability, synchronous: Int) async throws {
        try await withStore(durability) { store, _ in
            #expect(durability.synchronousLevel == synchronous)
            // Commits happen on the writer connection: its settings are the ones that count.
            let (journal, sync, foreignKeys, busy) = try await store.write { db throws in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                    try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
                )
            }
            #expect(journal == "wal")
            #expect(sync == synchronous)
            #expect(foreignKeys == 1)
            #expect(busy == 5000)
        }
    }

    @Test("Opening creates the missing folders and the file")
    func createsFolders() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("a/b/c/store.sqlite").path
            let store = try ServiceStore(path: path, durability: .owner, logger: Fixtures.quiet)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await store.read { db in try Outbox.streams(in: db) }.isEmpty)
        }
    }

    @Test("Migrations run once: reopening the file does not run them again")
    func migrationsRunOnce() async throws {
        try await withStore { store, path in
            try store.close()
            let reopened = try Fixtures.open(path)
            let (opened, names) = try await reopened.read { db throws in
                (
                    try Fixtures.count("opened", in: db),
                    try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                )
            }
            #expect(opened == 1, "the service migration's INSERT ran once")
            #expect(names == ["peixun-runtime-v1", "peixun-runtime-v2-causal-stamps", "test-service-v1"])
        }
    }

    @Test("A new service migration runs on a file that already has the earlier ones")
    func laterMigration() async throws {
        try await withStore { store, path in
            try store.close()
            let reopened = try ServiceStore(path: path, durability: .owner, logger: Fixtures.quiet) { migrator in
                Fixtures.migrations(&migrator)
                migrator.registerMigration("test-service-v2") { db throws in
                    try db.execute(sql: "ALTER TABLE enrolments ADD COLUMN seat INTEGER")
                }
            }
            let columns = try await reopened.read { db in try db.columns(in: "enrolments").map(\.name) }
            #expect(columns == ["member", "class_name", "seat"])
        }
    }

    @Test("A second store on the same file sees the first one's commits, and the other way round")
    func twoStoresOneFile() async throws {
        try await withStore { first, path in
            try await first.write { db in try Fixtures.append(1, in: db) }
            let second = try Fixtures.open(path)
            #expect(try await second.read { db in try Outbox.head(stream: Fixtures.enrollment, in: db) } == 1)
            try await second.write { db in try Fixtures.append(2, in: db) }
            #expect(try await first.read { db in try Outbox.head(stream: Fixtures.enrollment, in: db) } == 2)
        }
    }

    @Test("Service migrations cannot take the runtime's reserved names")
    func reservedNames() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            let error = #expect(throws: StoreError.self) {
                _ = try ServiceStore(path: path, durability: .owner, logger: Fixtures.quiet) { migrator in
                    migrator.registerMigration("peixun-mine") { _ in }
                }
            }
            #expect(error?.code == .migrationFailed)
        }
    }

    @Test("A failing migration is a migrationFailed error naming the file")
    func failingMigration() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            let error = #expect(throws: StoreError.self) {
                _ = try ServiceStore(path: path, durability: .owner, logger: Fixtures.quiet) { migrator in
                    migrator.registerMigration("broken-v1") { db in try db.execute(sql: "CREATE TABLE (") }
                }
            }
            #expect(error?.code == .migrationFailed)
            #expect(error?.path == path)
            #expect(error?.message == "migration \"broken-v1\" failed")
        }
    }

    @Test("A store whose folder cannot be created fails with cannotOpen, naming the path")
    func cannotOpen() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("a-file")
            try Data("not a folder".utf8).write(to: file)
            let path = file.appendingPathComponent("enrollment/enrollment.sqlite").path
            let error = #expect(throws: StoreError.self) {
                _ = try ServiceStore(path: path, durability: .owner, logger: Fixtures.quiet)
            }
            #expect(error?.code == .cannotOpen)
            #expect(error?.path == path)
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("ServiceStore.swift") == true, "says where it was raised")
        }
    }

    @Test("Heads, published marks and cursors survive closing and reopening the file")
    func survivesReopening() async throws {
        try await withStore { store, path in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                try Fixtures.append(1, to: Fixtures.scoring, in: db)
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 3, in: db)
                _ = try Cursors.apply(stream: Fixtures.scoring, sequence: 1, in: db) { _ in }
                _ = try CommandLedger.execute(Fixtures.uuid(42), at: Fixtures.time, in: db) { _ in [1, 2, 3] }
            }
            try store.close()

            let reopened = try Fixtures.open(path)
            try await reopened.read { db throws in
                #expect(try Outbox.head(stream: Fixtures.enrollment, in: db) == 5)
                #expect(try Outbox.head(stream: Fixtures.scoring, in: db) == 1)
                #expect(try Outbox.publishedThrough(stream: Fixtures.enrollment, in: db) == 3)
                #expect(try Cursors.appliedThrough(stream: Fixtures.scoring, in: db) == 1)
                #expect(try CommandLedger.reply(for: Fixtures.uuid(42), in: db) == [1, 2, 3])
                #expect(try Outbox.unpublished(limit: 100, in: db).map(\.sequence) == [4, 5, 1])
            }
            // Numbering goes on from the stored head.
            let next = try await reopened.write { db in try Fixtures.append(6, in: db) }
            #expect(next.sequence == 6)
        }
    }

    @Test("A closed store refuses reads and writes with a typed error")
    func closedStore() async throws {
        try await withStore { store, _ in
            try store.close()
            let error = #expect(throws: StoreError.self) {
                try store.write { db in try Fixtures.append(1, in: db) }
            }
            #expect(error?.code == .databaseFailed)
        }
    }
}
