import GRDB
import PeixunMessages
import PeixunStore
import Testing

@Suite("A subscriber's batch applies each event once, in order, and saves its cursors once")
struct CursorBatchTests {
    static func attend(_ batch: inout CursorBatch, _ stream: StreamID, _ sequence: UInt64, in db: Database) throws -> Cursors.ApplyOutcome {
        try batch.apply(stream: stream, sequence: sequence, in: db) { db throws in
            try db.execute(
                sql: """
                    INSERT INTO attendance (member, lessons) VALUES ('孙丽', 1)
                    ON CONFLICT (member) DO UPDATE SET lessons = lessons + 1
                    """)
        }
    }

    @Test("Within a batch: next applied, at or below the cursor a duplicate, past it a gap; saved cursors are per stream")
    func outcomes() async throws {
        try await withStore(.projection) { store, _ in
            try await store.write { db throws in
                var batch = CursorBatch()
                #expect(try Self.attend(&batch, Fixtures.enrollment, 1, in: db) == .applied)
                #expect(try Self.attend(&batch, Fixtures.enrollment, 2, in: db) == .applied)
                #expect(try Self.attend(&batch, Fixtures.enrollment, 2, in: db) == .duplicate)
                #expect(try Self.attend(&batch, Fixtures.enrollment, 4, in: db) == .gap(expected: 3))
                #expect(try Self.attend(&batch, Fixtures.scoring, 1, in: db) == .applied)
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 0, "nothing is written before save")
                try batch.save(in: db)
            }
            try await store.read { db throws in
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 2)
                #expect(try Cursors.appliedThrough(stream: Fixtures.scoring, in: db) == 1)
                #expect(try CursorsTests.lessons(in: db) == 3)
            }
            // A later batch starts from the saved cursors.
            try await store.write { db throws in
                var batch = CursorBatch()
                #expect(try Self.attend(&batch, Fixtures.enrollment, 2, in: db) == .duplicate)
                #expect(try Self.attend(&batch, Fixtures.enrollment, 3, in: db) == .applied)
                try batch.save(in: db)
            }
            try await store.read { db throws in #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 3) }
        }
    }

    @Test("A projection that fails rolls the whole batch back: cursors and projection as before it")
    func failureRollsBackTheBatch() async throws {
        try await withStore(.projection) { store, _ in
            await #expect(throws: Refused.self) {
                try await store.write { db throws in
                    var batch = CursorBatch()
                    _ = try Self.attend(&batch, Fixtures.enrollment, 1, in: db)
                    _ = try batch.apply(stream: Fixtures.enrollment, sequence: 2, in: db) { _ throws in throw Refused() }
                    try batch.save(in: db)
                }
            }
            try await store.read { db throws in
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 0)
                #expect(try CursorsTests.lessons(in: db) == 0)
            }
        }
    }
}
