import GRDB
import PeixunMessages
import PeixunStore
import Testing

@Suite("The outbox keeps its events unless an operator prunes published ones")
struct RetentionTests {
    @Test("Pruning past the published mark is refused and deletes nothing")
    func refusesUnpublished() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 2, in: db)
            }
            let error = await #expect(throws: StoreError.self) {
                try await store.write { db in
                    try Retention.prune(stream: Fixtures.enrollment, keepingAfter: 3, in: db)
                }
            }
            #expect(error?.code == .beyondPublished)
            #expect(try await store.read { db in try Fixtures.count("peixun_outbox", in: db) } == 5)
        }
    }

    @Test("Pruned events are gone, a replay from before them is a gap, and numbering goes on")
    func prunesPublished() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 3, in: db)
            }
            let deleted = try await store.write { db throws in
                try Retention.prune(stream: Fixtures.enrollment, keepingAfter: 2, in: db)
            }
            #expect(deleted == 2)
            try await store.read { db throws in
                let kept = try Outbox.events(stream: Fixtures.enrollment, after: 2, limit: 10, in: db)
                #expect(kept.map(\.sequence) == [3, 4, 5])
                let error = #expect(throws: StoreError.self) {
                    try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                }
                #expect(error?.code == .sequenceGap)
                #expect(try Outbox.unpublished(limit: 10, in: db).map(\.sequence) == [4, 5])
            }
            #expect(try await store.write { db in try Fixtures.append(6, in: db) }.sequence == 6)
        }
    }
}
