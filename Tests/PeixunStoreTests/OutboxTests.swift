import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore
import Testing

@Suite("The outbox numbers each stream's events 1, 2, 3… without gaps")
struct OutboxSequenceTests {
    @Test("Three events in one transaction are 1, 2, 3; the next transaction continues at 4")
    func consecutive() async throws {
        try await withStore { store, _ in
            let first = try await store.write { db throws in
                try (1...3).map { try Fixtures.append(UInt64($0), in: db).sequence }
            }
            #expect(first == [1, 2, 3])
            let next = try await store.write { db in try Fixtures.append(4, in: db) }
            #expect(next.sequence == 4)
            #expect(try await store.read { db in try Outbox.head(stream: Fixtures.enrollment, in: db) } == 4)
        }
    }

    @Test("Each stream has its own numbering")
    func independentStreams() async throws {
        try await withStore { store, _ in
            let sequences = try await store.write { db throws in
                [
                    try Fixtures.append(1, to: Fixtures.enrollment, in: db).sequence,
                    try Fixtures.append(2, to: Fixtures.scoring, in: db).sequence,
                    try Fixtures.append(3, to: Fixtures.enrollment, in: db).sequence,
                    try Fixtures.append(4, to: Fixtures.enrollmentPartition3, in: db).sequence,
                    try Fixtures.append(5, to: Fixtures.scoring, in: db).sequence,
                ]
            }
            #expect(sequences == [1, 1, 2, 1, 2])
            let streams = try await store.read { db in try Outbox.streams(in: db) }
            #expect(streams == [Fixtures.enrollment, Fixtures.enrollmentPartition3, Fixtures.scoring])
        }
    }

    @Test("A command that fails after appending leaves no event and no used number")
    func atomicity() async throws {
        try await withStore { store, _ in
            try await store.write { db in try Fixtures.append(1, in: db) }
            await #expect(throws: Refused.self) {
                try await store.write { db throws in
                    try Fixtures.append(2, in: db)
                    try Fixtures.append(3, in: db)
                    throw Refused()
                }
            }
            try await store.read { db throws in
                #expect(try Outbox.head(stream: Fixtures.enrollment, in: db) == 1)
                #expect(try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db).count == 1)
            }
            let next = try await store.write { db in try Fixtures.append(4, in: db) }
            #expect(next.sequence == 2, "no gap: the rolled-back numbers are given out again")
        }
    }

    @Test("8 concurrent writers appending 200 events each give exactly 1…1600")
    func concurrentWriters() async throws {
        try await withStore(.owner) { store, _ in
            let perWriter = try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        var sequences: [UInt64] = []
                        for n in 0..<200 {
                            let envelope = try await store.write { db throws in
                                try Fixtures.append(UInt64(writer * 1000 + n), in: db)
                            }
                            sequences.append(envelope.sequence)
                        }
                        return sequences
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for sequences in perWriter {
                #expect(sequences == sequences.sorted(), "a writer's own events are in its order")
            }
            #expect(perWriter.flatMap { $0 }.sorted() == Array(1...1600))
            let stored = try await store.read { db throws in
                try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 2000, in: db).map(\.sequence)
            }
            #expect(stored == Array(1...1600))
        }
    }
}

@Suite("What the outbox stores is what was appended")
struct OutboxContentTests {
    @Test("The payload decodes to the appended event, Chinese text included; the envelope matches")
    func roundTrip() async throws {
        try await withStore { store, _ in
            let event = Fixtures.enrolled(7, name: "欧阳娜娜")
            let appended = try await store.write { db throws in
                try Outbox.append(
                    event, stream: Fixtures.enrollment, commandID: Fixtures.uuid(70),
                    correlationID: Fixtures.uuid(71), at: Fixtures.time, in: db)
            }
            #expect(appended.stream == Fixtures.enrollment)
            #expect(appended.sequence == 1)
            #expect(appended.eventType == MemberEnrolled.typeID)
            #expect(appended.schemaVersion == EnrollmentFamily.schemaVersion)
            #expect(appended.time == Fixtures.time)
            #expect(appended.commandID == Fixtures.uuid(70))
            #expect(appended.correlationID == Fixtures.uuid(71))

            let stored = try await store.read { db throws in
                try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
            }
            try #require(stored.count == 1)
            #expect(stored[0].topic == "enrollment.MemberEnrolled")
            #expect(stored[0].envelope == appended)
            #expect(stored[0].payload == (try event.encoded()))
            let decoded = try MemberEnrolled(decoding: stored[0].payload)
            #expect(decoded == event)
            #expect(decoded.memberName == "欧阳娜娜")
            #expect(decoded.className == "2024年第一期党员发展对象培训班")
            // The envelope survives the bus encoding too.
            #expect(try Envelope(decoding: stored[0].envelope.encoded()) == appended)
        }
    }

    @Test("An explicit schema version is stored as given")
    func explicitSchemaVersion() async throws {
        try await withStore { store, _ in
            let event = CheckedIn(
                lesson: Fixtures.uuid(1), member: Fixtures.uuid(2), venue: Fixtures.uuid(3), at: Fixtures.time,
                method: .zero)
            try await store.write { db throws in
                try Outbox.append(
                    event, stream: Fixtures.enrollment, schemaVersion: 9, commandID: Fixtures.uuid(4),
                    correlationID: Fixtures.uuid(5), at: Fixtures.time, in: db)
            }
            let stored = try await store.read { db throws in
                try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 1, in: db)
            }
            #expect(stored.first?.schemaVersion == 9)
            #expect(stored.first?.topic == "enrollment.CheckedIn")
            #expect(try stored.first.map { try CheckedIn(decoding: $0.payload) } == event)
        }
    }

    @Test("Reading after a sequence pages through the stream in order")
    func paging() async throws {
        try await withStore { store, _ in
            try await store.write { db in for n: UInt64 in 1...7 { try Fixtures.append(n, in: db) } }
            try await store.read { db throws in
                let page = { (after: UInt64, limit: Int) in
                    try Outbox.events(stream: Fixtures.enrollment, after: after, limit: limit, in: db).map(\.sequence)
                }
                #expect(try page(0, 3) == [1, 2, 3])
                #expect(try page(3, 3) == [4, 5, 6])
                #expect(try page(6, 3) == [7])
                #expect(try page(7, 3) == [])
                #expect(try page(100, 3) == [])
                #expect(try page(0, 0) == [])
                #expect(try Outbox.events(stream: Fixtures.scoring, after: 0, limit: 3, in: db).isEmpty)
            }
        }
    }
}

@Suite("A damaged outbox is reported, never skipped")
struct OutboxDamageTests {
    @Test("A missing event in the middle of a stream is a sequence gap, not a shorter answer")
    func lostEvent() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...4 { try Fixtures.append(n, in: db) }
                try db.execute(sql: "DELETE FROM peixun_outbox WHERE sequence = 2")
            }
            try await store.read { db throws in
                let first = try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 1, in: db)
                #expect(first.map(\.sequence) == [1])
                let error = #expect(throws: StoreError.self) {
                    try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                }
                #expect(error?.code == .sequenceGap)
                #expect(error?.message.contains("no event 2") == true)
            }
        }
    }

    @Test("A row the runtime did not write is corrupt")
    func corruptRows() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                try db.execute(sql: "INSERT INTO peixun_stream_heads (stream, head) VALUES ('no-partition', 1)")
                try db.execute(sql: "INSERT INTO peixun_stream_heads (stream, head) VALUES ('enrollment/0', 1)")
                try db.execute(
                    sql: """
                        INSERT INTO peixun_outbox
                        VALUES ('enrollment/0', 1, 'enrollment.X', 1010, 1, 0, x'00', x'00', x'', NULL)
                        """)
            }
            try await store.read { db throws in
                #expect(throws: StoreError.self) { try Outbox.streams(in: db) }
                let error = #expect(throws: StoreError.self) {
                    try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                }
                #expect(error?.code == .corrupt)
                #expect(error?.message.contains("command_id") == true)
            }
        }
    }
}

@Suite("The publisher sends what is not yet known to be sent")
struct OutboxPublishingTests {
    @Test("After marking 2 of 5 published, events 3, 4 and 5 are unpublished")
    func unpublishedAfterMark() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                #expect(try Outbox.unpublished(limit: 100, in: db).map(\.sequence) == [1, 2, 3, 4, 5])
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 2, in: db)
            }
            try await store.read { db throws in
                #expect(try Outbox.publishedThrough(stream: Fixtures.enrollment, in: db) == 2)
                #expect(try Outbox.unpublished(limit: 100, in: db).map(\.sequence) == [3, 4, 5])
                #expect(try Outbox.unpublished(limit: 2, in: db).map(\.sequence) == [3, 4])
            }
        }
    }

    @Test("A publisher reads past what it sent but has not marked yet, or past the mark if that is further")
    func unpublishedAfterSent() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 1, in: db)
            }
            try await store.read { db throws in
                let sentThree = [Fixtures.enrollment: UInt64(3)]
                #expect(try Outbox.unpublished(limit: 100, sentThrough: sentThree, in: db).map(\.sequence) == [4, 5])
                let sentAll = [Fixtures.enrollment: UInt64(5)]
                #expect(try Outbox.unpublished(limit: 100, sentThrough: sentAll, in: db).isEmpty)
                // Behind the written mark: the mark wins.
                let sentNone = [Fixtures.enrollment: UInt64(0)]
                #expect(try Outbox.unpublished(limit: 100, sentThrough: sentNone, in: db).map(\.sequence) == [2, 3, 4, 5])
            }
        }
    }

    @Test("A published mark never goes backwards")
    func monotonicMark() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...5 { try Fixtures.append(n, in: db) }
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 4, in: db)
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 2, in: db)
                #expect(try Outbox.publishedThrough(stream: Fixtures.enrollment, in: db) == 4)
                #expect(try Outbox.unpublished(limit: 100, in: db).map(\.sequence) == [5])
            }
        }
    }

    @Test("Marking past the head is refused: nothing can have been sent that far")
    func markBeyondHead() async throws {
        try await withStore { store, _ in
            let error = await #expect(throws: StoreError.self) {
                try await store.write { db throws in
                    try Fixtures.append(1, in: db)
                    try Outbox.markPublished(stream: Fixtures.enrollment, through: 2, in: db)
                }
            }
            #expect(error?.code == .beyondHead)
        }
    }

    @Test("Unpublished events of several streams come by stream, each in sequence order")
    func acrossStreams() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                for n: UInt64 in 1...3 {
                    try Fixtures.append(n, to: Fixtures.scoring, in: db)
                    try Fixtures.append(n, to: Fixtures.enrollment, in: db)
                }
                try Outbox.markPublished(stream: Fixtures.scoring, through: 3, in: db)
                try Fixtures.append(4, to: Fixtures.scoring, in: db)
                try Outbox.markPublished(stream: Fixtures.enrollment, through: 1, in: db)
            }
            let pending = try await store.read { db in try Outbox.unpublished(limit: 100, in: db) }
            #expect(
                pending.map { "\($0.stream.storeKey)#\($0.sequence)" }
                    == ["enrollment/0#2", "enrollment/0#3", "scoring/0#4"])
            #expect(pending.last?.topic == "scoring.MemberEnrolled")
        }
    }
}

@Suite("Stream keys")
struct StreamKeyTests {
    @Test("A stream key is service/partition and reads back")
    func roundTrip() {
        #expect(Fixtures.enrollmentPartition3.storeKey == "enrollment/3")
        #expect(StreamID(storeKey: "enrollment/3") == Fixtures.enrollmentPartition3)
        #expect(StreamID(storeKey: "a/b/7") == StreamID(service: "a/b", partition: 7))
        #expect(StreamID(storeKey: "enrollment") == nil)
        #expect(StreamID(storeKey: "enrollment/x") == nil)
        #expect(StreamID(storeKey: "enrollment/70000") == nil)
    }
}
