import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Synchronization
import Testing
import ZeroMQ

/// Queries on "<service>.query" through the real broker process: a `QueryWorker` over a real
/// SQLite store answers each with a `QueryReply` (accepted, rejected, malformed, failed) from a
/// snapshot, beside writes; and the real `peixun enrollment` process answers its own queries.
@Suite("Queries through the broker process", .timeLimit(.minutes(3)))
struct QueryPathTests {
    typealias Owner = OutboxPublishingTests
    typealias Running = SubscriberTests.Running

    /// A test service: ShowMember answered from a `notes` table; "boom" makes it throw.
    struct Notes: QueryService {
        struct Boom: Error {}

        func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
            let asked = try ShowMember(decoding: query)
            if asked.memberNumber == "boom" { throw Boom() }
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM notes WHERE number = ?", arguments: [asked.memberNumber])
            else { return .rejected(code: "member.unknown", message: "没有党员 \(asked.memberNumber)") }
            return .accepted(result: try MemberView(memberNumber: asked.memberNumber, name: name).encoded())
        }

        static func migrations(_ migrator: inout DatabaseMigrator) {
            migrator.registerMigration("test-notes-v1") { db in
                try db.execute(sql: "CREATE TABLE notes (number TEXT PRIMARY KEY, name TEXT NOT NULL)")
                try db.execute(sql: "INSERT INTO notes (number, name) VALUES ('GD-0001', '张伟')")
            }
        }
    }

    static func withStore<T>(_ body: (ServiceStore) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-queries-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(
            path: folder.appendingPathComponent("notes.sqlite").path, durability: .owner, migrations: Notes.migrations)
        return try await body(store)
    }

    /// Starts a query worker and waits until the broker lists it (on a loaded machine its
    /// registration can outlast a first request's deadline).
    static func startWorker(_ store: ServiceStore, _ broker: BrokerFixture) async throws -> Running {
        let worker = QueryWorker(store: store, service: "notes", broker: broker.requests, queries: Notes(), logger: Owner.logger)
        let running = try Running([{ try worker.run(context: $0, instance: "notes-query-1") }])
        try await eventually(within: .seconds(30), "the notes query worker to register") {
            try await RequestPathTests.status(broker).services.contains { $0.service == "notes.query" && $0.workers > 0 } ? true : nil
        }
        return running
    }

    /// Raw request bodies to "notes.query" and the decoded `QueryReply`s (no retry: a `failed`
    /// answer is seen as it is).
    static func ask(_ bodies: [[UInt8]], _ broker: BrokerFixture) async throws -> [QueryReply] {
        try await DedicatedThread.run(name: "test-query-client") { [requests = broker.requests] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests)
            return try bodies.map { body in
                let reply = try client.request(service: "notes.query", body: body)
                guard reply.status == .ok else { throw IntegrationError("\(reply.status): \(reply.detail)") }
                return try QueryReply(decoding: reply.body)
            }
        }
    }

    @Test("a query is answered accepted, rejected, malformed or failed, and the worker keeps serving")
    func everyStatus() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withStore { store in
            let running = try await Self.startWorker(store, broker)
            let replies = try await Self.ask(
                [
                    try ShowMember(memberNumber: "GD-0001").encoded(),
                    try ShowMember(memberNumber: "GD-9999").encoded(),
                    [],  // not even a header
                    try ShowClass(code: "XL-01").encoded(),  // a message, but not one this service decodes
                    try ShowMember(memberNumber: "boom").encoded(),
                    try ShowMember(memberNumber: "GD-0001").encoded(),
                ], broker)
            #expect(replies[0].status == .accepted)
            #expect(try MemberView(decoding: replies[0].result).name == "张伟")
            #expect(replies[1].status == .rejected)
            #expect(replies[1].code == "member.unknown")
            #expect(replies[1].message == "没有党员 GD-9999")
            #expect(replies[2].status == .malformed)
            #expect(replies[2].code == "query.malformed")
            #expect(replies[3].status == .malformed)
            #expect(replies[4].status == .failed)
            #expect(replies[4].code == "query.failed")
            #expect(replies[5] == replies[0], "a failed query does not stop the worker")
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a query answers from the last commit while a write transaction is open, without waiting for it")
    func readsBesideAnOpenWrite() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withStore { store in
            let running = try await Self.startWorker(store, broker)
            let inside = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let writer = Task {
                try await DedicatedThread.run(name: "test-writer") {
                    try store.write { db in
                        try db.execute(sql: "UPDATE notes SET name = '欧阳娜娜' WHERE number = 'GD-0001'")
                        inside.signal()
                        // Hold the write transaction open until the query has been answered.
                        release.wait()
                    }
                }
            }
            try await DedicatedThread.run(name: "test-wait") { inside.wait() }
            // The writer lets go only after this answer: a query that waited for it would never
            // be answered, and `ask` would fail (no timed assertion needed on a noisy machine).
            let during = try await Self.ask([try ShowMember(memberNumber: "GD-0001").encoded()], broker)
            #expect(try MemberView(decoding: during[0].result).name == "张伟", "the snapshot holds no uncommitted change")
            release.signal()
            try await writer.value
            let after = try await Self.ask([try ShowMember(memberNumber: "GD-0001").encoded()], broker)
            #expect(try MemberView(decoding: after[0].result).name == "欧阳娜娜", "and sees the change once committed")
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("the enrollment process answers its queries on enrollment.query: a tree depth first, unknown codes refused")
    func enrollmentProcess() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-query-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start()
        let service = try await broker.startService("enrollment", data: folder)
        let (tree, unknown, garbage, notAQuery) = try await DedicatedThread.run(name: "test-enrollment-queries") {
            [requests = broker.requests] in
            let context = try ZMQContext()
            let commands = try CommandClient(context: context, broker: requests)
            for command in [
                CreateOrganisation(code: "442000", name: "中山市", kind: .city),
                CreateOrganisation(code: "442000-02", name: "中山市直二", kind: .county, parentCode: "442000"),
                CreateOrganisation(code: "442000-01", name: "中山市直", kind: .county, parentCode: "442000"),
                CreateOrganisation(code: "442000-XL", name: "小榄镇", kind: .town, parentCode: "442000-01"),
                CreateOrganisation(code: "442000-XL-01", name: "永宁社区党委", kind: .village, parentCode: "442000-XL"),
            ] {
                let reply = try commands.send(try command.encoded(), to: "enrollment")
                guard reply.status == .accepted else { throw IntegrationError("\(command.code): \(reply.code) \(reply.message)") }
            }
            let queries = try QueryClient(context: context, broker: requests)
            return (
                try queries.ask(ShowOrganisationTree(code: "442000"), service: "enrollment"),
                try queries.ask(ShowOrganisationTree(code: "442999"), service: "enrollment"),
                try queries.ask(encoded: [0xFF], service: "enrollment"),
                try queries.ask(CreateOrganisation(code: "X", name: "X", kind: .city), service: "enrollment")
            )
        }
        #expect(tree.status == .accepted)
        let nodes = try OrganisationTreeView(decoding: tree.result).nodes
        #expect(nodes.map(\.code) == ["442000", "442000-01", "442000-XL", "442000-XL-01", "442000-02"], "depth first, siblings by code")
        #expect(nodes.map(\.depth) == [0, 1, 2, 3, 1])
        #expect(nodes.map(\.parentCode) == [nil, "442000", "442000-01", "442000-XL", "442000"])
        #expect(nodes[3].name == "永宁社区党委")
        #expect(nodes[3].kind == .village)
        #expect(unknown.status == .rejected)
        #expect(unknown.code == "organisation.unknown")
        #expect(unknown.message.contains("442999"))
        #expect(garbage.status == .malformed)
        #expect(notAQuery.status == .rejected)
        #expect(notAQuery.code == "query.unknown")
        #expect(try await service.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
