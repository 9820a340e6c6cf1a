import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore
import Testing

@Suite("An event's causal stamp is stored with it and read back in its envelope")
struct CausalStampTests {
    static let sibling = StreamID(service: "enrollment", partition: 1)
    static let other = StreamID(service: "enrollment", partition: 2)

    @Test("The stamp comes back from the outbox exactly, in the envelope the publisher and replays send; no stamp is stored as NULL")
    func roundTrip() async throws {
        try await withStore { store, _ in
            let stamp = [StreamPosition(stream: Self.sibling, sequence: 1_200), StreamPosition(stream: Self.other, sequence: 7)]
            let written = try await store.write { db throws in
                try Fixtures.append(1, in: db)
                return try Outbox.append(
                    Fixtures.enrolled(2), stream: Fixtures.enrollment, commandID: Fixtures.uuid(2),
                    correlationID: Fixtures.uuid(502), at: Fixtures.time, after: stamp, in: db)
            }
            #expect(written.after == stamp)
            try await store.read { db throws in
                let events = try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                #expect(events.map(\.after) == [[], stamp])
                #expect(events[1].envelope == written)
                let stored = try String?.fetchAll(db, sql: "SELECT after_positions FROM peixun_outbox ORDER BY sequence")
                #expect(stored == [nil, "enrollment/1=1200 enrollment/2=7"])
            }
        }
    }

    @Test("A stored stamp that is not stream=sequence is corrupt, named, never dropped")
    func corruptStamp() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                try Fixtures.append(1, in: db)
                try db.execute(sql: "UPDATE peixun_outbox SET after_positions = 'enrollment/1=12 enrollment=3'")
            }
            try await store.read { db throws in
                let error = #expect(throws: StoreError.self) {
                    try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                }
                #expect(error?.code == .corrupt)
                #expect(error?.message.contains("\"enrollment=3\"") == true, "\(String(describing: error))")
            }
        }
    }

    @Test("The stamp of now: how far each named stream is applied here, leaving out one never applied")
    func positions() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for sequence in 1...3 as ClosedRange<UInt64> {
                    _ = try Cursors.apply(stream: Self.sibling, sequence: sequence, in: db) { _ in }
                }
            }
            let stamp = try await store.read { db in try Cursors.positions(of: [Self.sibling, Self.other], in: db) }
            #expect(stamp == [StreamPosition(stream: Self.sibling, sequence: 3)])
        }
    }
}
