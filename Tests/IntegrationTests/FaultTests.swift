import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import Testing
import ZeroMQ

/// Issue 3's fault tests with every part a real process: the broker, a test owner (commands,
/// outbox publisher, replay) and a test projection (subscriber), each with its SQLite file.
@Suite("Nothing lost when processes are killed", .serialized, .timeLimit(.minutes(5)))
struct FaultTests {
    /// A folder with the owner's and the projection's files.
    final class Files: Sendable {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-faults-\(UUID().uuidString)")
        var owner: String { folder.appendingPathComponent("owner.sqlite").path }
        var projection: String { folder.appendingPathComponent("projection.sqlite").path }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static func startOwner(_ broker: BrokerFixture, _ files: Files, crashBeforeSend: Bool = false) async throws -> PeixunProcess {
        let owner = try PeixunProcess(
            ["owner", "--requests", broker.requests, "--publishers", broker.publishers, "--data", files.owner]
                + (crashBeforeSend ? ["--crash-before-send"] : []),
            executable: "peixun-testservice")
        try await owner.waitForLine(startingWith: "peixun-testservice owner ready")
        return owner
    }

    static func startProjection(_ broker: BrokerFixture, _ files: Files) async throws -> PeixunProcess {
        let projection = try PeixunProcess(
            ["projection", "--requests", broker.requests, "--subscribers", broker.subscribers, "--data", files.projection],
            executable: "peixun-testservice")
        try await projection.waitForLine(startingWith: "peixun-testservice projection ready")
        return projection
    }

    /// Asks the owner to append `batches` × `perBatch` events, one command per batch; the
    /// `CommandClient` retries each with its command id until answered (a retry after a broker
    /// restart is applied once).
    static func append(batches: Int, perBatch: UInt32 = 1_000, through broker: BrokerFixture) async throws {
        try await DedicatedThread.run(name: "test-commands") { [requests = broker.requests] in
            let client = try CommandClient(context: try ZMQContext(), broker: requests)
            var count = perBatch.littleEndian
            let command = withUnsafeBytes(of: &count) { Array($0) }
            for _ in 0..<batches {
                let reply = try client.send(command, to: "loadtest")
                guard reply.status == .accepted else { throw IntegrationError("refused: \(reply.code) \(reply.message)") }
            }
        }
    }

    /// (cursor, rows, highest sequence) of the projection's file, read from outside the process.
    static func projectionState(_ files: Files) throws -> (cursor: Int, rows: Int, highest: Int) {
        guard FileManager.default.fileExists(atPath: files.projection) else { return (0, 0, 0) }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: files.projection, configuration: configuration)
        return try queue.read { db in
            let cursor = try Int.fetchOne(db, sql: "SELECT applied_through FROM peixun_cursors WHERE stream = 'loadtest/0'") ?? 0
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM applied") ?? 0
            let highest = try Int.fetchOne(db, sql: "SELECT max(sequence) FROM applied") ?? 0
            return (cursor, rows, highest)
        }
    }

    static func waitForProjection(_ files: Files, count: Int, within timeout: Duration = .seconds(120)) async throws {
        try await eventually(within: timeout, "the projection to hold exactly 1...\(count)") {
            let state = try? Self.projectionState(files)
            return state.map { $0.cursor == count && $0.rows == count && $0.highest == count } == true ? true : nil
        }
    }

    @Test("a subscriber killed with SIGKILL in the middle of 100,000 events and restarted ends with each exactly once")
    func killedSubscriber() async throws {
        let files = Files()
        let broker = try await BrokerFixture.start()
        let owner = try await Self.startOwner(broker, files)
        var projection = try await Self.startProjection(broker, files)
        try await Self.append(batches: 40, through: broker)
        try await eventually(within: .seconds(60), "the projection to be part-way") {
            (try? Self.projectionState(files)).map { $0.cursor > 0 } == true ? true : nil
        }
        try await projection.stop(signal: SIGKILL)
        async let more: Void = Self.append(batches: 60, through: broker)
        projection = try await Self.startProjection(broker, files)
        try await more
        try await Self.waitForProjection(files, count: 100_000)
        #expect(try await projection.stop() == 0)
        #expect(try await owner.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("events committed by a publisher killed between commit and send are delivered after its restart")
    func killedBetweenCommitAndSend() async throws {
        let files = Files()
        let broker = try await BrokerFixture.start()
        let projection = try await Self.startProjection(broker, files)
        let crashing = try await Self.startOwner(broker, files, crashBeforeSend: true)
        // The command commits; the publisher reads the batch and exits before sending it.
        async let attempt: Void = Self.append(batches: 1, through: broker)
        try await eventually(within: .seconds(30), "the owner to exit at its crash point") {
            crashing.process.isRunning ? nil : true
        }
        #expect(crashing.process.terminationStatus == 99)
        #expect(try Self.projectionState(files).rows == 0, "nothing was sent")
        let owner = try await Self.startOwner(broker, files)
        try await attempt  // accepted once, by the crashed instance or (a retry) by the new one
        try await Self.waitForProjection(files, count: 1_000)
        #expect(try await owner.stop() == 0)
        #expect(try await projection.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("after the broker is killed mid-stream and restarted, subscribers resume by themselves and repair the gap")
    func killedBroker() async throws {
        let files = Files()
        let broker = try await BrokerFixture.start()
        let owner = try await Self.startOwner(broker, files)
        let projection = try await Self.startProjection(broker, files)
        // Commands keep coming while the broker dies: one in flight then gets no answer and is
        // retried with its command id once the broker is back.
        async let commands: Void = Self.append(batches: 60, through: broker)
        try await eventually(within: .seconds(60), "the projection to have applied some events") {
            (try? Self.projectionState(files)).map { $0.cursor >= 5_000 } == true ? true : nil
        }
        try await broker.process.stop(signal: SIGKILL)
        let restarted = try await broker.restart()
        try await commands
        try await Self.waitForProjection(files, count: 60_000)
        #expect(try await projection.stop() == 0)
        #expect(try await owner.stop() == 0)
        #expect(try await restarted.process.stop() == 0)
    }
}
