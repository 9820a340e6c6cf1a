import Foundation
import GRDB
import Logging
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Testing
import ZeroMQ

/// Commands are idempotent by command id, through the real broker process, across instances.
@Suite("Idempotent commands through the broker process", .timeLimit(.minutes(2)))
struct CommandTests {
    typealias Owner = OutboxPublishingTests
    typealias Running = SubscriberTests.Running

    /// A test service: "register a member", given as an encoded `MemberRegistered`.
    struct RegisterMember: CommandService {
        func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
            let member = try MemberRegistered(decoding: command)
            guard !member.name.isEmpty else {
                return .rejected(code: "enrollment.nameMissing", message: "a member needs a name (成员姓名为空)")
            }
            try db.execute(
                sql: "INSERT INTO members (member, name) VALUES (?, ?)",
                arguments: [member.member.description, member.name])
            try Outbox.append(
                member, stream: Owner.stream, commandID: context.commandID, correlationID: context.correlationID,
                at: context.time, in: db)
            return .accepted(result: Array(command))
        }

        static func migrations(_ migrator: inout DatabaseMigrator) {
            migrator.registerMigration("test-members-v1") { db in
                try db.execute(sql: "CREATE TABLE members (member TEXT PRIMARY KEY, name TEXT NOT NULL)")
            }
        }
    }

    /// Sends `request` `times` times with fresh request ids (as a client retrying after timeouts
    /// does) and returns the reply bodies.
    static func send(_ request: CommandRequest, times: Int, to broker: BrokerFixture) async throws -> [[UInt8]] {
        try await DedicatedThread.run(name: "test-client") { [requests = broker.requests] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests)
            let body = try request.encoded()
            return try (0..<times).map { _ in
                let reply = try client.request(service: "enrollment", body: body)
                guard reply.status == .ok else { throw IntegrationError("\(reply.status): \(reply.detail)") }
                return reply.body
            }
        }
    }

    static func withOwner<T>(_ body: (ServiceStore) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-commands-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(
            path: folder.appendingPathComponent("enrollment.sqlite").path, durability: .owner,
            migrations: RegisterMember.migrations)
        return try await body(store)
    }

    /// Two command workers on the same store, so retries may reach either.
    static func startWorkers(_ store: ServiceStore, _ broker: BrokerFixture) throws -> Running {
        let worker = CommandWorker(
            store: store, service: "enrollment", broker: broker.requests, commands: RegisterMember(),
            signal: OutboxSignal(), logger: Owner.logger)
        return try Running([
            { try worker.run(context: $0, instance: "enrollment-1") },
            { try worker.run(context: $0, instance: "enrollment-2") },
        ])
    }

    @Test("one command sent three times has one effect and gets three identical answers")
    func oneEffect() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withOwner { store in
            let running = try Self.startWorkers(store, broker)
            let member = MemberRegistered(
                member: .random(), branch: .random(), name: "张伟", categories: [.village, .branchSecretary],
                joinedParty: WireTimestamp(microsecondsSinceEpoch: 1_500_000_000_000_000))
            let request = CommandRequest(commandID: .random(), correlationID: .random(), command: try member.encoded())
            let answers = try await Self.send(request, times: 3, to: broker)
            #expect(answers.count == 3)
            #expect(Set(answers).count == 1, "three identical answers")
            let reply = try CommandReply(decoding: answers[0])
            #expect(reply.status == .accepted)
            #expect(try MemberRegistered(decoding: reply.result) == member)
            let (members, head) = try await store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? -1, try Outbox.head(stream: Owner.stream, in: db))
            }
            #expect(members == 1, "one effect")
            #expect(head == 1, "one event")
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a command refused by a domain rule is refused the same way when retried, and changes nothing")
    func refusedTwice() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withOwner { store in
            let running = try Self.startWorkers(store, broker)
            let nameless = MemberRegistered(member: .random(), branch: .random(), name: "")
            let request = CommandRequest(commandID: .random(), correlationID: .random(), command: try nameless.encoded())
            let answers = try await Self.send(request, times: 2, to: broker)
            #expect(answers[0] == answers[1])
            let reply = try CommandReply(decoding: answers[0])
            #expect(reply.status == .rejected)
            #expect(reply.code == "enrollment.nameMissing")
            #expect(reply.message.contains("成员姓名为空"))
            let (members, head) = try await store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? -1, try Outbox.head(stream: Owner.stream, in: db))
            }
            #expect(members == 0)
            #expect(head == 0)
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("commands arriving together are committed together (group commit), each exactly once")
    func groupCommit() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withOwner { store in
            let worker = CommandWorker(
                store: store, service: "enrollment", broker: broker.requests, commands: RegisterMember(),
                signal: OutboxSignal(), logger: Owner.logger)
            let running = try Running([{ try worker.run(context: $0, instance: "enrollment-1") }])
            // 300 commands pipelined on one DEALER (no waiting between them), 20 of them sent twice.
            let commands = (0..<300).map { index in
                CommandRequest(
                    commandID: .random(), correlationID: .random(),
                    command: (try? MemberRegistered(member: .random(), branch: .random(), name: "成员\(index)").encoded()) ?? [])
            }
            let sent = commands + commands.prefix(20)
            let replies = try await DedicatedThread.run(name: "test-pipeline") { [requests = broker.requests] () throws -> [WireUUID: CommandReply] in
                let socket = try ZMQContext().socket(.dealer)
                try socket.set(.linger, 5_000)
                try socket.connect(requests)
                for command in sent {
                    let control = try ClientRequest(service: "enrollment", requestID: .random(), timeoutMilliseconds: 30_000).encoded()
                    try socket.sendMultipart([control, try command.encoded()])
                }
                var replies: [WireUUID: CommandReply] = [:]
                var received = 0
                try socket.set(.receiveTimeout, 30_000)
                while received < sent.count {
                    guard let parts = try socket.receiveMultipart(), parts.count == 2 else { throw IntegrationError("no reply") }
                    let reply = try CommandReply(decoding: parts[1])
                    if let earlier = replies[reply.commandID], earlier != reply {
                        throw IntegrationError("two different answers to one command id")
                    }
                    replies[reply.commandID] = reply
                    received += 1
                }
                return replies
            }
            #expect(replies.count == 300)
            #expect(replies.values.allSatisfy { $0.status == .accepted })
            let (members, head) = try await store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? -1, try Outbox.head(stream: Owner.stream, in: db))
            }
            #expect(members == 300, "each command once, the 20 repeats included")
            #expect(head == 300)
            let statistics = worker.statistics.value
            #expect(statistics.commands == 320)
            #expect(statistics.transactions < statistics.commands, "pipelined commands share transactions: \(statistics)")
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a request that is not a CommandRequest is answered malformed and recorded nowhere")
    func malformed() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withOwner { store in
            let running = try Self.startWorkers(store, broker)
            let answer = try await DedicatedThread.run(name: "test-client") { [requests = broker.requests] in
                let client = try RequestClient(context: try ZMQContext(), broker: requests)
                return try client.request(service: "enrollment", body: [0x01, 0x02, 0x03]).body
            }
            #expect(try CommandReply(decoding: answer).status == .malformed)
            #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_commands") } == 0)
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }
}
