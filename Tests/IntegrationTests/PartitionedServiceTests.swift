import Foundation
import GRDB
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import Testing
import ZeroMQ

/// Issue 10, scaling one service: the test owner split into 4 partitions across two instances
/// (`peixun-testservice partitioned-owner`, on the product's `ServiceHost`), each partition with
/// its own store and stream, commands and queries routed by the broker by partition key; a
/// projection follows all four streams. Killing one instance fails only its partitions' commands,
/// with `noWorker` naming the partition; the rest carry on.
@Suite("Scaling one service: partitions", .serialized, .timeLimit(.minutes(5)))
struct PartitionedServiceTests {
    static let count = 4

    final class Folder: Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-partitions-\(UUID().uuidString)")
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static func startOwner(
        _ broker: BrokerFixture, _ folder: Folder, name: String, partitions: [Int], of count: Int = count, options: [String] = []
    ) async throws -> PeixunProcess {
        let owner = try PeixunProcess(
            [
                "partitioned-owner", "--requests", broker.requests, "--publishers", broker.publishers, "--data", folder.path(name),
                "--partitions", partitions.map(String.init).joined(separator: ","), "--partition-count", "\(count)",
            ] + options, executable: "peixun-testservice")
        try await owner.waitForLine(startingWith: "peixun-testservice partitioned-owner ready")
        return owner
    }

    /// The partition of `key`, as the broker computes it.
    static func partition(_ key: String) -> Int { PartitionKey.partition(of: key, count: count) }

    /// Sends `AppendCheckIns` of `events` to the partition of `key`: the service's answer, or the
    /// client's error when none came.
    static func append(_ events: UInt32, key: String, broker: BrokerFixture, attempts: Int = 20) async throws -> Result<CommandReply, CommandClientError> {
        try await DedicatedThread.run(name: "test-partition-command") { [requests = broker.requests] in
            let client = try CommandClient(context: try ZMQContext(), broker: requests)
            var count = events.littleEndian
            let command = withUnsafeBytes(of: &count) { Array($0) }
            do {
                return .success(try client.send(command, to: "loadtest", partitionKey: key, timeout: .seconds(2), attempts: attempts))
            } catch let error as CommandClientError {
                return .failure(error)
            }
        }
    }

    /// Events in each partition's own store, read from outside the processes: partition → (events, streams named).
    static func storedEvents(_ folder: Folder, partition: Int, in instance: String) throws -> (events: Int, streams: [String]) {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: folder.path("\(instance)/loadtest-\(partition).sqlite"), configuration: configuration).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_outbox") ?? 0,
             try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM peixun_outbox"))
        }
    }

    /// Rows the projection applied, by partition.
    static func applied(_ folder: Folder) throws -> [Int: Int] {
        guard FileManager.default.fileExists(atPath: folder.path("projection.sqlite")) else { return [:] }
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: folder.path("projection.sqlite"), configuration: configuration).read { db in
            var rows: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT partition, count(*) FROM applied GROUP BY partition") { rows[row[0]] = row[1] }
            return rows
        }
    }

    static func workers(_ broker: BrokerFixture, _ service: String) async throws -> Int {
        try await RequestPathTests.status(broker).services.first { $0.service == service }.map { Int($0.workers) } ?? 0
    }

    @Test("4 partitions over 2 instances: each key's commands land in its partition's store and stream, queries reach the same partition, a projection gets all; killing one instance fails only its 2 partitions (noWorker naming each) until it is back")
    func twoInstances() async throws {
        let folder = Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let first = try await Self.startOwner(broker, folder, name: "first", partitions: [0, 1])
        var second = try await Self.startOwner(broker, folder, name: "second", partitions: [2, 3])
        let projection = try PeixunProcess(
            ["projection", "--requests", broker.requests, "--subscribers", broker.subscribers, "--data", folder.path("projection.sqlite"),
             "--partition-count", "\(Self.count)"], executable: "peixun-testservice")
        try await projection.waitForLine(startingWith: "peixun-testservice projection ready")
        defer { for process in [first, second, projection] { kill(process.process.processIdentifier, SIGKILL) } }
        for partition in 0..<Self.count {
            try await eventually(within: .seconds(30), "a command worker of loadtest/\(partition)") {
                try await Self.workers(broker, "loadtest/\(partition)") == 1 ? true : nil
            }
        }

        // 40 organisations' commands, each appending 1–3 events to its organisation's partition.
        let keys = (1...40).map { "中山-\($0)" }
        var expected = [Int](repeating: 0, count: Self.count)
        for (index, key) in keys.enumerated() {
            let events = UInt32(index % 3 + 1)
            let reply = try await Self.append(events, key: key, broker: broker).get()
            #expect(reply.status == .accepted, "\(key): \(reply.code) \(reply.message)")
            expected[Self.partition(key)] += Int(events)
        }
        #expect(expected.allSatisfy { $0 > 0 }, "the keys reach every partition: \(expected)")
        for partition in 0..<Self.count {
            let stored = try Self.storedEvents(folder, partition: partition, in: partition < 2 ? "first" : "second")
            #expect(stored.events == expected[partition], "partition \(partition)'s own store")
            #expect(stored.streams == ["loadtest/\(partition)"])
        }

        // A query with a key is answered by that key's partition, from its own store.
        for key in keys.prefix(8) {
            let answer = try await DedicatedThread.run(name: "test-partition-query") { [requests = broker.requests] in
                try QueryClient(context: try ZMQContext(), broker: requests)
                    .ask(ShowMember(memberNumber: key), service: "loadtest", partitionKey: key)
            }
            #expect(String(decoding: answer.result, as: UTF8.self) == "\(Self.partition(key)) \(expected[Self.partition(key)])")
        }

        // Without a key the broker cannot choose and says so at once; the client does not retry.
        guard case .failure(let keyless) = try await Self.append(1, key: "", broker: broker) else {
            Issue.record("a keyless command to a partitioned service was accepted")
            return
        }
        #expect(keyless.attempts == 1)
        #expect(keyless.lastProblem.contains("loadtest has 4 partitions: the request needs a partition key"), "\(keyless.lastProblem)")

        try await eventually(within: .seconds(60), "the projection to apply every partition's events") {
            try Self.applied(folder) == Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($0.offset, $0.element) }) ? true : nil
        }

        // The second instance dies: once the broker has dropped its workers, its partitions' commands
        // fail with noWorker naming the partition; the first instance's are served as before.
        kill(second.process.processIdentifier, SIGKILL)
        for partition in [2, 3] {
            try await eventually(within: .seconds(30), "the broker to drop loadtest/\(partition)'s worker") {
                try await Self.workers(broker, "loadtest/\(partition)") == 0 ? true : nil
            }
        }
        for key in keys.prefix(12) {
            let outcome = try await Self.append(1, key: key, broker: broker, attempts: 1)
            switch (Self.partition(key), outcome) {
            case (0...1, .success(let reply)):
                #expect(reply.status == .accepted)
                expected[Self.partition(key)] += 1
            case (2...3, .failure(let error)):
                #expect(error.lastProblem == "noWorker: no worker for loadtest/\(Self.partition(key)) before the deadline")
            default:
                Issue.record("\(key) (partition \(Self.partition(key))) with the second instance dead: \(outcome)")
            }
        }
        try await eventually(within: .seconds(60), "the projection to apply the surviving partitions' new events") {
            try Self.applied(folder) == Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($0.offset, $0.element) }) ? true : nil
        }

        // Back on its stores, the second instance serves its partitions again.
        second = try await Self.startOwner(broker, folder, name: "second", partitions: [2, 3])
        let late = try #require(keys.first { Self.partition($0) >= 2 })
        #expect(try await Self.append(2, key: late, broker: broker).get().status == .accepted)
        expected[Self.partition(late)] += 2
        #expect(try Self.storedEvents(folder, partition: Self.partition(late), in: "second").events == expected[Self.partition(late)])
        try await eventually(within: .seconds(60), "the projection to apply the restarted partition's event") {
            try Self.applied(folder) == Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($0.offset, $0.element) }) ? true : nil
        }
    }
}
