import Foundation
import GRDB
import Logging
import MetricsTestKit
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Synchronization
import Testing
import ZeroMQ

/// Subscribers end with the whole stream, exactly once, however PUB/SUB behaves: a real broker
/// process, an owner (outbox publisher + replay worker over a real SQLite file) and a subscriber
/// with its own projection store.
@Suite("Subscribers catch up and repair gaps through the broker process", .timeLimit(.minutes(3)))
struct SubscriberTests {
    typealias Owner = OutboxPublishingTests

    /// Records each applied event once: a second application of the same sequence would violate
    /// the primary key and fail the transaction.
    struct AppliedEvents: Projection {
        func apply(_ event: ReceivedEvent, in db: Database) throws {
            try db.execute(
                sql: "INSERT INTO applied (stream, sequence, event_type) VALUES (?, ?, ?)",
                arguments: [event.envelope.stream.storeKey, Int64(event.envelope.sequence), Int64(event.envelope.eventType)])
        }

        static func migrations(_ migrator: inout DatabaseMigrator) {
            migrator.registerMigration("test-applied-v1") { db in
                try db.execute(sql: "CREATE TABLE applied (stream TEXT, sequence INTEGER, event_type INTEGER, PRIMARY KEY (stream, sequence))")
            }
        }
    }

    /// The owner's side (publisher and replay worker) and a subscriber, each on its own thread.
    final class Running: Sendable {
        let context: ZMQContext
        let tasks: [Task<Void, any Error>]

        init(_ bodies: [@Sendable (ZMQContext) throws -> Void]) throws {
            let context = try ZMQContext()
            self.context = context
            tasks = bodies.map { body in Task { try await DedicatedThread.run(name: "test-runtime") { try body(context) } } }
        }

        func stop() async throws {
            context.shutdown()
            for task in tasks { try await task.value }
        }
    }

    static func startOwner(
        _ store: ServiceStore, _ broker: BrokerFixture, signal: OutboxSignal, metrics: RuntimeMetrics = RuntimeMetrics()
    ) throws -> Running {
        var publisher = OutboxPublisher(
            store: store, endpoint: broker.publishers, signal: signal, streams: [Owner.stream], logger: Owner.logger)
        publisher.metrics = metrics
        var replay = ReplayWorker(store: store, service: "enrollment", broker: broker.requests, logger: Owner.logger)
        replay.metrics = metrics
        return try Running([{ [publisher] in try publisher.run(context: $0) }, { [replay] in try replay.run(context: $0) }])
    }

    /// A subscriber following the test stream through `broker` into `projection`'s store.
    static func subscriber(_ store: ServiceStore, _ broker: BrokerFixture, into projection: any Projection = AppliedEvents()) -> Subscriber {
        Subscriber(
            store: store, subscribers: broker.subscribers, requests: broker.requests, streams: [Owner.stream],
            projection: projection, logger: Owner.logger)
    }

    static func withProjection<T>(_ body: (ServiceStore) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-projection-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(
            path: folder.appendingPathComponent("reporting.sqlite").path, durability: .projection,
            migrations: AppliedEvents.migrations)
        return try await body(store)
    }

    /// Waits until the projection holds exactly 1…`count` of the stream (the cursor says so and
    /// the table agrees).
    /// Waits until the subscriber's counters say `count` events were applied (they are updated
    /// just after the commit that the store already shows), and never more.
    static func waitForApplied(_ subscriber: Subscriber, _ count: Int, within timeout: Duration = .seconds(10)) async throws {
        try await eventually(within: timeout, "the subscriber's counters to reach \(count) applied") {
            subscriber.counters.value.eventsApplied >= count ? true : nil
        }
        #expect(subscriber.counters.value.eventsApplied == count)
    }

    static func waitForWholeStream(_ store: ServiceStore, count: Int, within timeout: Duration = .seconds(60)) async throws {
        try await eventually(within: timeout, "the projection to hold events 1...\(count)") {
            let (cursor, rows, highest) = try await store.read { db in
                (try Cursors.appliedThrough(stream: Owner.stream, in: db),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM applied") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT max(sequence) FROM applied") ?? 0)
            }
            return cursor == UInt64(count) && rows == count && highest == count ? true : nil
        }
    }

    @Test("a subscriber that starts late with an empty store catches up from sequence 1")
    func catchesUpFromOne() async throws {
        let broker = try await BrokerFixture.start()
        try await Owner.withStore { owner in
            let signal = OutboxSignal()
            try Owner.commit(2_500, to: owner, signal: signal)
            let running = try Self.startOwner(owner, broker, signal: signal)
            try await Self.withProjection { projection in
                let subscriber = Self.subscriber(projection, broker)
                let following = try Running([{ try subscriber.run(context: $0) }])
                try await Self.waitForWholeStream(projection, count: 2_500)
                // The counters are updated just after each commit: wait for them too.
                try await Self.waitForApplied(subscriber, 2_500)
                #expect(subscriber.counters.value.replaysAsked >= 3, "2,500 events in batches of 1,000")
                try await following.stop()
            }
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    /// Holds the subscriber's thread inside its first event until opened, so a burst overruns
    /// every queue on the way (the subscriber's, the broker's, the TCP buffers).
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private let closed = Atomic<Bool>(true)
        func passOnce() {
            if closed.exchange(false, ordering: .acquiringAndReleasing) { semaphore.wait() }
        }
        func open() { semaphore.signal() }
    }

    struct GatedEvents: Projection {
        let gate: Gate
        func apply(_ event: ReceivedEvent, in db: Database) throws {
            gate.passOnce()
            try AppliedEvents().apply(event, in: db)
        }
    }

    @Test("the runtime's metrics say what happened: events published and applied, replays asked and served, lag back to 0")
    func metrics() async throws {
        let broker = try await BrokerFixture.start()
        let recorded = TestMetrics()
        let metrics = RuntimeMetrics(factory: recorded)
        let stream = [("stream", "enrollment/0")]
        try await Owner.withStore { owner in
            let signal = OutboxSignal()
            try Owner.commit(2_500, to: owner, signal: signal)
            let running = try Self.startOwner(owner, broker, signal: signal, metrics: metrics)
            try await Self.withProjection { projection in
                var subscriber = Self.subscriber(projection, broker)
                subscriber.metrics = metrics
                let following = try Running([{ [subscriber] in try subscriber.run(context: $0) }])
                try await Self.waitForWholeStream(projection, count: 2_500)
                #expect(try recorded.expectCounter("peixun_events_applied_total", stream).totalValue == 2_500)
                let asked = try recorded.expectCounter("peixun_replays_asked_total", stream).totalValue
                #expect(asked >= 3, "2,500 events in batches of 1,000")
                try await eventually(within: .seconds(10), "the owner to publish all 2,500 and count them") {
                    (try? recorded.expectCounter("peixun_events_published_total", stream).totalValue) == 2_500 ? true : nil
                }
                #expect(try recorded.expectCounter("peixun_replays_served_total", stream).totalValue == asked)
                try await eventually(within: .seconds(10), "the lag to be 0 after a head") {
                    (try? recorded.expectGauge("peixun_subscriber_lag", stream).lastValue) == 0 ? true : nil
                }
                try await following.stop()
            }
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a subscriber with a tiny receive high-water mark loses events at the socket yet ends with the whole stream")
    func tinyHighWaterMark() async throws {
        // The broker keeps at most 1,000 events per subscriber; 60,000 events of ~240 bytes are
        // more than that plus what loopback TCP buffers hold, so PUB/SUB must drop some.
        let broker = try await BrokerFixture.start(extraArguments: ["--subscriber-high-water-mark", "1000"])
        try await Owner.withStore { owner in
            let signal = OutboxSignal()
            let running = try Self.startOwner(owner, broker, signal: signal)
            try await Self.withProjection { projection in
                let gate = Gate()
                var subscriber = Self.subscriber(projection, broker, into: GatedEvents(gate: gate))
                subscriber.receiveHighWaterMark = 5
                let following = try Running([{ [subscriber] in try subscriber.run(context: $0) }])
                // Its start-up catch-up (of an empty stream) is done and its subscription is live
                // once it has seen a head: from then on only PUB/SUB brings it events.
                try await eventually(within: .seconds(20), "the subscriber to receive a stream head") {
                    subscriber.counters.value.headsReceived > 0 ? true : nil
                }
                try Owner.commit(60_000, perTransaction: 1_000, to: owner, signal: signal)
                try await eventually(within: .seconds(60), "the owner to publish all 60,000 events") {
                    try await owner.read { db in try Outbox.publishedThrough(stream: Owner.stream, in: db) } == 60_000 ? true : nil
                }
                gate.open()
                try await Self.waitForWholeStream(projection, count: 60_000, within: .seconds(120))
                try await Self.waitForApplied(subscriber, 60_000)
                let counts = subscriber.counters.value
                #expect(counts.gapsRepaired >= 1, "the burst must have lost events at the socket: \(counts)")
                try await following.stop()
            }
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("garbage published on a subscribed topic is counted and ignored; the subscriber keeps applying events")
    func ignoresGarbage() async throws {
        let broker = try await BrokerFixture.start()
        try await Owner.withStore { owner in
            let signal = OutboxSignal()
            let running = try Self.startOwner(owner, broker, signal: signal)
            try await Self.withProjection { projection in
                let subscriber = Self.subscriber(projection, broker)
                let following = try Running([{ try subscriber.run(context: $0) }])
                // A stray publisher: 3 frames of noise, 1 frame, 4 frames, on "enrollment." topics.
                try await DedicatedThread.run(name: "test-garbage") { [publishers = broker.publishers] in
                    let socket = try ZMQContext().socket(.pub)
                    try socket.set(.linger, 2_000)
                    try socket.connect(publishers)
                    let clock = ContinuousClock()
                    let deadline = clock.now + .seconds(20)
                    while subscriber.counters.value.malformedIgnored < 3 {
                        guard clock.now < deadline else { throw IntegrationError("the garbage never arrived") }
                        try socket.sendMultipart([Array("enrollment.Garbage".utf8), [0xFF, 0x00, 0x13], [0x01]])
                        try socket.sendMultipart([Array("enrollment.Garbage".utf8)])
                        try socket.sendMultipart([Array("enrollment.X".utf8), [], [], []])
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
                try Owner.commit(500, to: owner, signal: signal)
                try await Self.waitForWholeStream(projection, count: 500)
                try await following.stop()
            }
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a subscriber restarted after events it missed applies each of them once")
    func restartedSubscriber() async throws {
        let broker = try await BrokerFixture.start()
        try await Owner.withStore { owner in
            let signal = OutboxSignal()
            let running = try Self.startOwner(owner, broker, signal: signal)
            try await Self.withProjection { projection in
                let subscriber = Self.subscriber(projection, broker)
                let first = try Running([{ try subscriber.run(context: $0) }])
                try Owner.commit(1_000, to: owner, signal: signal)
                try await Self.waitForWholeStream(projection, count: 1_000)
                try await first.stop()
                try Owner.commit(1_500, to: owner, signal: signal)  // while it is down
                let second = try Running([{ try subscriber.run(context: $0) }])
                try await Self.waitForWholeStream(projection, count: 2_500)
                try await second.stop()
            }
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }
}
