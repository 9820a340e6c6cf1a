import Foundation
import Logging
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Synchronization
import Testing
import ZeroMQ

/// The outbox publisher and the replay worker against a real broker process and a real SQLite
/// file: what is committed reaches subscribers, what was not sent is sent after a restart, and a
/// subscriber can ask for any range again.
@Suite("Outbox publishing and replay through the broker process", .timeLimit(.minutes(2)))
struct OutboxPublishingTests {
    static let stream = StreamID(service: "enrollment", partition: 0)
    static let logger = Logger(label: "test.outbox")

    /// A store in a fresh folder, removed afterwards.
    static func withStore<T>(_ body: (ServiceStore) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(path: folder.appendingPathComponent("enrollment.sqlite").path, durability: .owner)
        return try await body(store)
    }

    /// Commits `count` check-ins in transactions of `perTransaction`, then wakes the publisher.
    static func commit(_ count: Int, perTransaction: Int = 100, to store: ServiceStore, signal: OutboxSignal) throws {
        var left = count
        while left > 0 {
            let now = min(left, perTransaction)
            try store.write { db in
                for _ in 0..<now {
                    let event = CheckedIn(
                        lesson: .random(), member: .random(), venue: .random(), at: .now, method: .qrCode,
                        clockSkewSeconds: 0)
                    _ = try Outbox.append(event, stream: stream, commandID: .random(), correlationID: .random(), at: .now, in: db)
                }
            }
            signal.notify()
            left -= now
        }
    }

    /// Runs a publisher on its own thread with its own context until `stop()`.
    final class RunningPublisher: Sendable {
        let context: ZMQContext
        let done: Task<Void, any Error>

        init(_ publisher: OutboxPublisher) throws {
            let context = try ZMQContext()
            self.context = context
            done = Task { try await DedicatedThread.run(name: "test-publisher") { try publisher.run(context: context) } }
        }

        func stop() async throws {
            context.shutdown()
            try await done.value
        }
    }

    /// Set by `collect` once its subscriber has received a stream head: from then on it is
    /// connected and subscribed, and the publisher knows it.
    final class Joined: Sendable {
        private let state = Mutex(false)
        var value: Bool { state.withLock { $0 } }
        func set() { state.withLock { $0 = true } }
    }

    /// Subscribes to `prefix` and collects the sequences of events, until `until` holds.
    static func collect(
        from endpoint: String, prefix: String, joined: Joined = Joined(), within timeout: Duration = .seconds(30),
        until: @escaping @Sendable ([UInt64]) -> Bool
    ) async throws -> [UInt64] {
        try await DedicatedThread.run(name: "test-subscriber") {
            let context = try ZMQContext()
            let socket = try context.socket(.sub)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.receiveTimeout, 200)
            try socket.connect(endpoint)
            try socket.subscribe(prefix)
            let frames = ZMQFrames()
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            var seen: [UInt64] = []
            while !until(seen) {
                guard clock.now < deadline else { throw IntegrationError("collected \(seen.count) from \(prefix) before the deadline") }
                guard try socket.receiveMultipart(into: frames) else { continue }
                if frames.count == 3 {
                    seen.append(try frames.withFrame(1) { bytes throws(WireError) in try Envelope.view(bytes).sequence })
                } else if frames.count == 2 {
                    _ = try frames.withFrame(1) { bytes throws(WireError) in try StreamHead(decoding: bytes) }
                    joined.set()
                }
            }
            return seen
        }
    }

    @Test("committed events reach a subscriber in order and are marked published; stream heads follow")
    func publishesCommittedEvents() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withStore { store in
            let signal = OutboxSignal()
            let publisher = try RunningPublisher(
                OutboxPublisher(store: store, endpoint: broker.publishers, signal: signal, streams: [Self.stream], logger: Self.logger))
            // Heads (at 0) flow from the start: once the subscriber has one, it is connected, and
            // every event committed after that reaches it.
            let joined = Joined()
            async let events = Self.collect(from: broker.subscribers, prefix: "enrollment.", joined: joined) { $0.count >= 1_000 }
            try await eventually(within: .seconds(20), "the subscriber to receive a stream head") { joined.value ? true : nil }
            try Self.commit(1_000, to: store, signal: signal)
            let received = try await events
            #expect(received == Array(1...1_000))
            try await eventually(within: .seconds(10), "the outbox to be marked published through 1000") {
                try await store.read { db in try Outbox.publishedThrough(stream: Self.stream, in: db) } == 1_000 ? true : nil
            }
            let head = try await DedicatedThread.run(name: "test-heads") { [subscribers = broker.subscribers] in
                let socket = try ZMQContext().socket(.sub)
                try socket.set(.receiveTimeout, 5_000)
                try socket.connect(subscribers)
                try socket.subscribe("enrollment._head")
                let frames = ZMQFrames()
                guard try socket.receiveMultipart(into: frames), frames.count == 2 else { throw IntegrationError("no head") }
                return try frames.withFrame(1) { bytes throws(WireError) in try StreamHead(decoding: bytes) }
            }
            #expect(head.stream == Self.stream)
            #expect(head.headSequence == 1_000)
            try await publisher.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("events committed while no publisher ran are sent when one starts")
    func sendsAfterRestart() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withStore { store in
            let signal = OutboxSignal()
            try Self.commit(300, to: store, signal: signal)  // nobody is publishing yet
            #expect(try await store.read { db in try Outbox.publishedThrough(stream: Self.stream, in: db) } == 0)
            // A subscriber listening when the publisher starts gets all 300: the fresh publisher
            // waits for the subscription before it sends what is pending.
            async let events = Self.collect(from: broker.subscribers, prefix: "enrollment.CheckedIn") { $0.count >= 300 }
            var restarted = OutboxPublisher(
                store: store, endpoint: broker.publishers, signal: signal, streams: [Self.stream], logger: Self.logger)
            restarted.subscriptionWait = .seconds(10)  // generous on a loaded machine; it sends as soon as one arrives
            let publisher = try RunningPublisher(restarted)
            let received = try await events
            #expect(received == Array(1...300))
            try await eventually(within: .seconds(10), "the outbox to be marked published through 300") {
                try await store.read { db in try Outbox.publishedThrough(stream: Self.stream, in: db) } == 300 ? true : nil
            }
            try await publisher.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a replay request answers the events after a sequence, in order, with the stream's head")
    func replaysARange() async throws {
        let broker = try await BrokerFixture.start()
        try await Self.withStore { store in
            try Self.commit(50, to: store, signal: OutboxSignal())
            let context = try ZMQContext()
            let worker = ReplayWorker(store: store, service: "enrollment", broker: broker.requests, logger: Self.logger)
            let serving = Task { try await DedicatedThread.run(name: "test-replay") { try worker.run(context: context) } }
            let batch = try await DedicatedThread.run(name: "test-client") { [requests = broker.requests] in
                let client = try RequestClient(context: try ZMQContext(), broker: requests)
                let request = try ReplayRequest(stream: Self.stream, after: 10, limit: 5).encoded()
                let reply = try client.request(service: ReplayWorker.serviceName(for: "enrollment"), body: request)
                guard reply.status == .ok else { throw IntegrationError("replay: \(reply.status) \(reply.detail)") }
                return try ReplayBatch(decoding: reply.body)
            }
            #expect(batch.head == 50)
            #expect(batch.events.map(\.envelope.sequence) == [11, 12, 13, 14, 15])
            #expect(batch.events.allSatisfy { $0.topic == "enrollment.CheckedIn" })
            let first = try CheckedIn(decoding: try #require(batch.events.first).payload)
            let stored = try await store.read { db in try Outbox.events(stream: Self.stream, after: 10, limit: 1, in: db) }
            #expect(try CheckedIn(decoding: try #require(stored.first).payload) == first)
            context.shutdown()
            try await serving.value
        }
        #expect(try await broker.process.stop() == 0)
    }
}
