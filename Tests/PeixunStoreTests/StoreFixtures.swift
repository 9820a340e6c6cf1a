import Foundation
import GRDB
import Logging
import PeixunCodec
import PeixunMessages
import PeixunStore

/// A fresh folder for one test, deleted when the test ends (whether it passed or threw).
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("peixun-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// A store in a fresh folder (a subfolder that does not exist yet, so opening must create it).
func withStore<T>(
    _ durability: ServiceStore.Durability = .owner,
    _ body: (ServiceStore, String) async throws -> T
) async throws -> T {
    try await withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("enrollment/enrollment.sqlite").path
        let store = try Fixtures.open(path, durability)
        return try await body(store, path)
    }
}

enum Fixtures {
    static let enrollment = StreamID(service: "enrollment", partition: 0)
    static let enrollmentPartition3 = StreamID(service: "enrollment", partition: 3)
    static let scoring = StreamID(service: "scoring", partition: 0)
    static let time = WireTimestamp(microsecondsSinceEpoch: 1_709_281_800_000_000)  // 2024-03-01T08:30:00Z

    /// Opens `path` with the test service's migrations, logging only warnings and worse.
    static func open(_ path: String, _ durability: ServiceStore.Durability = .owner) throws -> ServiceStore {
        try ServiceStore(path: path, durability: durability, logger: quiet, migrations: migrations)
    }

    static let quiet: Logger = {
        var logger = Logger(label: "peixun.store.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// A service's own tables, as a service would register them: enrolments a command writes,
    /// and attendance a projection keeps.
    static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("test-service-v1") { db throws in
            try db.execute(
                sql: """
                    CREATE TABLE enrolments (member TEXT PRIMARY KEY, class_name TEXT NOT NULL);
                    CREATE TABLE attendance (member TEXT PRIMARY KEY, lessons INTEGER NOT NULL);
                    CREATE TABLE opened (at INTEGER NOT NULL);
                    INSERT INTO opened (at) VALUES (1);
                    """)
        }
    }

    static func uuid(_ n: UInt64) -> WireUUID { WireUUID(high: 0x1111_0000_0000_4000, low: 0x8000_0000_0000_0000 | n) }

    /// A real event with Chinese text, as enrollment publishes it.
    static func enrolled(_ n: UInt64, name: String = "张伟") -> MemberEnrolled {
        MemberEnrolled(
            enrollment: uuid(1000 + n), member: uuid(n), period: uuid(7), trainingClass: uuid(8),
            organisation: uuid(9), memberName: name, className: "2024年第一期党员发展对象培训班",
            enrolledAt: time, seat: UInt32(n), waitlisted: false,
            categories: [.village, .joinedWithinThreeYears])
    }

    /// Appends `enrolled(n)` to `stream` with command `uuid(n)`.
    @discardableResult
    static func append(_ n: UInt64, to stream: StreamID = enrollment, in db: Database) throws -> Envelope {
        try Outbox.append(
            enrolled(n), stream: stream, commandID: uuid(n), correlationID: uuid(500 + n), at: time, in: db)
    }

    static func count(_ table: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }
}

/// The error a test expects, thrown by a test on purpose.
struct Refused: Error {}
