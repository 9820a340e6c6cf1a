import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunStore
import Testing

@Suite("Migration reporting-v2-dashboard on a store projected by v1")
struct DashboardMigrationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-reporting-v1-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("reporting.sqlite").path }

    /// A store as v1 left it: the v1 tables, a score without instructor or rater, a confirmation,
    /// and both streams' cursors.
    func v1Store() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var all = DatabaseMigrator()
        ReportingStore.migrations(&all)
        try all.migrate(try DatabaseQueue(path: path), upTo: "reporting-v1-projection")
        let store = try ServiceStore(path: path, durability: .owner, migrations: { _ in })
        try store.write { db in
            try db.execute(sql: "INSERT INTO scores (id, organiser_id, excellent, known_at) VALUES (x'01', x'02', 1, 0)")
            try db.execute(sql: "INSERT INTO confirmations (member_id, period_id, known_at) VALUES (x'03', x'04', 0)")
            try db.execute(sql: "INSERT INTO peixun_cursors (stream, applied_through) VALUES ('enrollment/0', 40), ('scoring/0', 7)")
        }
    }

    @Test("forgets what came from the scoring stream and its cursor, so scoring is replayed from 1; enrollment is kept")
    func scoringReplayed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try v1Store()
        let store = try ServiceStore(path: path, durability: .owner, migrations: ReportingStore.migrations)
        let (scores, confirmations, scoring, enrollment, columns) = try store.read { db in
            (
                try db.int("SELECT count(*) FROM scores"), try db.int("SELECT count(*) FROM confirmations"),
                try Cursors.appliedThrough(stream: ReportingStore.scoring, in: db),
                try Cursors.appliedThrough(stream: ReportingStore.enrollment, in: db),
                try db.int("SELECT count(*) FROM pragma_table_info('scores') WHERE name IN ('instructor_id', 'member_id')")
            )
        }
        #expect((scores, confirmations, scoring) == (0, 0, 0))
        #expect(enrollment == 40)
        #expect(columns == 2)
    }
}
