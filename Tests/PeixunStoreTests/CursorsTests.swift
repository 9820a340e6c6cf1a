import GRDB
import PeixunMessages
import PeixunStore
import Testing

@Suite("A subscriber applies each event of a stream once, in order")
struct CursorsTests {
    /// The attendance projection: one more lesson for the member, with the cursor.
    static func attend(_ sequence: UInt64, in db: Database) throws -> Cursors.ApplyOutcome {
        try Cursors.apply(stream: Fixtures.enrollment, sequence: sequence, in: db) { db throws in
            try db.execute(
                sql: """
                    INSERT INTO attendance (member, lessons) VALUES ('孙丽', 1)
                    ON CONFLICT (member) DO UPDATE SET lessons = lessons + 1
                    """)
        }
    }

    static func lessons(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT lessons FROM attendance WHERE member = '孙丽'") ?? 0
    }

    @Test("The next event is applied; one at or below the cursor is a duplicate; one past it is a gap")
    func outcomes() async throws {
        try await withStore(.projection) { store, _ in
            try await store.write { db throws in
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 0)
                #expect(try Self.attend(1, in: db) == .applied)
                #expect(try Self.attend(2, in: db) == .applied)
                #expect(try Self.attend(2, in: db) == .duplicate)
                #expect(try Self.attend(1, in: db) == .duplicate)
                #expect(try Self.attend(5, in: db) == .gap(expected: 3))
                #expect(try Self.lessons(in: db) == 2, "the body ran for the two applied events only")
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 2)
                #expect(try Cursors.appliedThrough(stream: Fixtures.scoring, in: db) == 0, "cursors are per stream")
            }
            // After the replay fills the gap, the event that came early applies.
            try await store.write { db throws in
                #expect(try Self.attend(3, in: db) == .applied)
                #expect(try Self.attend(4, in: db) == .applied)
                #expect(try Self.attend(5, in: db) == .applied)
                #expect(try Self.lessons(in: db) == 5)
            }
        }
    }

    @Test("A projection update that fails leaves the cursor and the projection as they were")
    func failingBody() async throws {
        try await withStore(.projection) { store, _ in
            try await store.write { db throws in
                #expect(try Self.attend(1, in: db) == .applied)
                #expect(throws: Refused.self) {
                    _ = try Cursors.apply(stream: Fixtures.enrollment, sequence: 2, in: db) { db throws in
                        try db.execute(sql: "UPDATE attendance SET lessons = 100")
                        throw Refused()
                    }
                }
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 1)
                #expect(try Self.lessons(in: db) == 1)
                #expect(try Self.attend(2, in: db) == .applied, "the same event can be applied again")
            }
        }
    }

    @Test("A rolled-back transaction rolls the cursor back with the projection")
    func rollbackTogether() async throws {
        try await withStore(.projection) { store, _ in
            await #expect(throws: Refused.self) {
                try await store.write { db throws in
                    _ = try Self.attend(1, in: db)
                    throw Refused()
                }
            }
            try await store.read { db throws in
                #expect(try Cursors.appliedThrough(stream: Fixtures.enrollment, in: db) == 0)
                #expect(try Self.lessons(in: db) == 0)
            }
        }
    }
}
