import Foundation
import GRDB
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import Synchronization
import Testing
import ZeroMQ

/// Issue 9, dead peers: a worker that stops answering (SIGSTOP: its sockets stay open, it just
/// says nothing) is dropped by the broker, its commands go to another instance, and none is
/// applied twice when it wakes up. Two `peixun-testservice owner` processes share one store
/// (SQLite's busy timeout lets the second writer wait for the first).
@Suite("Dead peers", .serialized, .timeLimit(.minutes(5)))
struct DeadPeerTests {
    /// Commands answered so far, counted by the client threads.
    final class Answered: Sendable {
        let count = Atomic<Int>(0)
    }

    /// Workers the broker counts for `service` (0 when it does not list it).
    static func workers(_ broker: BrokerFixture, _ service: String) async throws -> Int {
        try await RequestPathTests.status(broker).services.first { $0.service == service }.map { Int($0.workers) } ?? 0
    }

    /// (commands in the ledger, events in the outbox, highest sequence) of the owners' store.
    static func ownerState(_ files: FaultTests.Files) throws -> (commands: Int, events: Int, highest: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: files.owner, configuration: configuration).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_commands") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_outbox") ?? 0,
                try Int.fetchOne(db, sql: "SELECT max(sequence) FROM peixun_outbox") ?? 0
            )
        }
    }

    /// Stops `process` (SIGSTOP) at a moment it holds no write lock on `store`, and returns how
    /// many stops that took. A process stopped inside a write transaction keeps SQLite's write
    /// lock, and every other instance on the same file waits for it: instances of one store stand
    /// in for each other when one crashes (the kernel drops its locks) or hangs between
    /// transactions, not when it hangs inside one (docs/reliability.md).
    static func stopOutsideWriteTransaction(_ process: PeixunProcess, store: String) async throws -> Int {
        let pid = process.process.processIdentifier
        var attempts = 0
        return try await eventually(within: .seconds(60), "to stop the owner outside a write transaction") {
            attempts += 1
            kill(pid, SIGSTOP)
            try await eventually(within: .seconds(10), "the owner to be stopped") { ProcStat(pid)?.state == "T" ? true : nil }
            if try Self.writeLockIsFree(store) { return attempts }
            kill(pid, SIGCONT)
            return nil
        }
    }

    /// Nobody holds the store's write lock (a BEGIN IMMEDIATE succeeds at once; rolled back).
    static func writeLockIsFree(_ store: String) throws -> Bool {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let queue = try DatabaseQueue(path: store, configuration: configuration)
        do {
            try queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return false
        }
    }

    @Test("a command worker that stops answering is dropped by the broker within about 3.5 s, its commands are answered by the other instance, and none is applied twice after it resumes")
    func stoppedCommandWorker() async throws {
        let files = FaultTests.Files()
        try FileManager.default.createDirectory(at: files.folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let sleeper = try await FaultTests.startOwner(broker, files)
        let survivor = try await FaultTests.startOwner(broker, files)
        try await eventually(within: .seconds(30), "both owners registered with the broker") {
            try await Self.workers(broker, "loadtest") == 2 ? true : nil
        }

        // Four clients, each sending 100 commands one after another (so four are in flight at any
        // moment), each command appending 10 events; every command has its own id.
        let clients = 4, perClient = 100, perCommand: UInt32 = 10
        let answered = Answered()
        let sending = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<clients {
                    group.addTask {
                        try await DedicatedThread.run(name: "test-client-\(index)") { [requests = broker.requests] in
                            let client = try CommandClient(context: try ZMQContext(), broker: requests)
                            var count = perCommand.littleEndian
                            let command = withUnsafeBytes(of: &count) { Array($0) }
                            for _ in 0..<perClient {
                                let reply = try client.send(command, to: "loadtest", timeout: .seconds(5), attempts: 40)
                                guard reply.status == .accepted else { throw IntegrationError("refused: \(reply.code) \(reply.message)") }
                                answered.count.add(1, ordering: .relaxed)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await eventually(within: .seconds(60), "the first 40 commands to be answered") {
            answered.count.load(ordering: .relaxed) >= 40 ? true : nil
        }

        let clock = ContinuousClock()
        let attempts = try await Self.stopOutsideWriteTransaction(sleeper, store: files.owner)
        let stopped = clock.now
        print("dead peer: SIGSTOP landed outside a write transaction at attempt \(attempts)")
        let dropped = try await eventually(within: .seconds(60), "the broker to drop the stopped worker") {
            try await Self.workers(broker, "loadtest") == 1 ? clock.now - stopped : nil
        }
        // Until the drop the broker still counted the sleeper as free, so requests went to it;
        // at the drop they went back to the queue, for the survivor.
        let counters = try await RequestPathTests.status(broker)
        print("dead peer: the broker dropped the stopped worker \(dropped) after SIGSTOP (promise: 3 s plus one 1 s tick); workers expired \(counters.workersExpired), requests requeued \(counters.requestsRequeued)")
        #expect(counters.workersExpired >= 1)
        #expect(counters.requestsRequeued >= 1, "the stopped worker's requests were given to another")

        // Every command is answered while the sleeper still sleeps: by the survivor.
        let answeredBefore = answered.count.load(ordering: .relaxed)
        try await eventually(within: .seconds(180), "every command to be answered while one owner is stopped") {
            answered.count.load(ordering: .relaxed) == clients * perClient ? true : nil
        }
        try await sending.value
        print("dead peer: \(clients * perClient - answeredBefore) commands answered by the survivor after the drop")

        // The sleeper wakes with whatever it had received; it registers again, and anything it
        // now runs finds its command id in the ledger.
        kill(sleeper.process.processIdentifier, SIGCONT)
        try await eventually(within: .seconds(60), "the resumed owner to register again") {
            try await Self.workers(broker, "loadtest") == 2 ? true : nil
        }
        // One more command through both (least recently used first) shows the sleeper serves again.
        try await FaultTests.append(batches: 4, perBatch: perCommand, through: broker)
        let total = clients * perClient + 4
        let state = try Self.ownerState(files)
        #expect(state.commands == total, "one ledger row per distinct command id")
        #expect(state.events == total * Int(perCommand), "each command's events appended once")
        #expect(state.highest == state.events, "the stream has no gaps")
        #expect(try await sleeper.stop() == 0)
        #expect(try await survivor.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
