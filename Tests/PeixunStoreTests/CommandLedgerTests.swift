import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore
import Testing

@Suite("A command runs once, however often it is sent")
struct CommandLedgerTests {
    /// The enrol command as a service would write it: its state, its event, its reply.
    static func enrol(_ member: String, command: WireUUID, in db: Database) throws -> (reply: [UInt8], replayed: Bool) {
        try CommandLedger.execute(command, at: Fixtures.time, in: db) { db throws in
            try db.execute(
                sql: "INSERT INTO enrolments (member, class_name) VALUES (?, ?)", arguments: [member, "党员培训班"])
            let envelope = try Outbox.append(
                Fixtures.enrolled(1, name: member), stream: Fixtures.enrollment, commandID: command,
                correlationID: command, at: Fixtures.time, in: db)
            return Array("enrolled \(member) as #\(envelope.sequence)".utf8)
        }
    }

    @Test("The first run does the work and records the reply; a retry gets the same bytes and no second effect")
    func retryIsAnswered() async throws {
        try await withStore { store, _ in
            let command = Fixtures.uuid(1)
            let first = try await store.write { db in try Self.enrol("李娜", command: command, in: db) }
            #expect(first.replayed == false)
            #expect(first.reply == Array("enrolled 李娜 as #1".utf8))

            let retry = try await store.write { db in try Self.enrol("李娜", command: command, in: db) }
            #expect(retry.replayed == true)
            #expect(retry.reply == first.reply)

            try await store.read { db throws in
                #expect(try Fixtures.count("enrolments", in: db) == 1, "the body ran once")
                #expect(try Outbox.head(stream: Fixtures.enrollment, in: db) == 1, "one event, not two")
                #expect(try CommandLedger.reply(for: command, in: db) == first.reply)
            }
        }
    }

    @Test("A retry inside the same transaction is answered from the ledger too")
    func retryInSameTransaction() async throws {
        try await withStore { store, _ in
            let (first, second) = try await store.write { db throws in
                (
                    try Self.enrol("王芳", command: Fixtures.uuid(2), in: db),
                    try Self.enrol("王芳", command: Fixtures.uuid(2), in: db)
                )
            }
            #expect(first.replayed == false)
            #expect(second.replayed == true)
            #expect(second.reply == first.reply)
        }
    }

    @Test("A command that fails records nothing and changes nothing, so a retry runs it afresh")
    func failureRecordsNothing() async throws {
        try await withStore { store, _ in
            let command = Fixtures.uuid(3)
            await #expect(throws: Refused.self) {
                try await store.write { db throws in
                    _ = try CommandLedger.execute(command, at: Fixtures.time, in: db) { db throws in
                        try db.execute(sql: "INSERT INTO enrolments (member, class_name) VALUES ('赵敏', 'x')")
                        throw Refused()
                    }
                }
            }
            try await store.read { db throws in
                #expect(try CommandLedger.reply(for: command, in: db) == nil)
                #expect(try Fixtures.count("enrolments", in: db) == 0)
            }
            let retry = try await store.write { db in try Self.enrol("赵敏", command: command, in: db) }
            #expect(retry.replayed == false)
        }
    }

    @Test("In a batch of commands committed together, a failed one leaves no trace and takes no sequence number")
    func failureInsideBatch() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                // The failing command appended an event before it threw: its savepoint undoes both.
                #expect(throws: Refused.self) {
                    _ = try CommandLedger.execute(Fixtures.uuid(4), at: Fixtures.time, in: db) { db throws in
                        try db.execute(sql: "INSERT INTO enrolments (member, class_name) VALUES ('失败', 'x')")
                        try Fixtures.append(4, in: db)
                        throw Refused()
                    }
                }
                _ = try Self.enrol("成功", command: Fixtures.uuid(5), in: db)
            }
            try await store.read { db throws in
                #expect(try String.fetchAll(db, sql: "SELECT member FROM enrolments") == ["成功"])
                #expect(try CommandLedger.reply(for: Fixtures.uuid(4), in: db) == nil)
                #expect(try CommandLedger.reply(for: Fixtures.uuid(5), in: db) == Array("enrolled 成功 as #1".utf8))
                let events = try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 10, in: db)
                #expect(events.map(\.sequence) == [1])
                #expect(events.first?.commandID == Fixtures.uuid(5))
            }
        }
    }

    @Test("Recording the same command twice is a programming error, reported without the reply")
    func recordTwice() async throws {
        try await withStore { store, _ in
            let secret: [UInt8] = Array("身份证号 110101199003071234".utf8)
            let error = await #expect(throws: StoreError.self) {
                try await store.write { db throws in
                    try CommandLedger.record(Fixtures.uuid(6), reply: secret, at: Fixtures.time, in: db)
                    try CommandLedger.record(Fixtures.uuid(6), reply: secret, at: Fixtures.time, in: db)
                }
            }
            #expect(error?.code == .commandAlreadyRecorded)
            #expect(error?.description.contains("110101199003071234") == false)
            #expect(error?.debugDescription.contains("SQLite error") == true, "the cause is there for a developer")
            // The failed write rolled back the first record too.
            let stored = try await store.read { db in try CommandLedger.reply(for: Fixtures.uuid(6), in: db) }
            #expect(stored == nil)
        }
    }
}
