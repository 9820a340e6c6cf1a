import Foundation
import Synchronization
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Testing
import ZeroMQ

/// The event bus through the real broker executable.
@Suite("Event bus through the broker process", .timeLimit(.minutes(2)))
struct EventBusTests {
    static let eventCount = 20_000

    @Test("a publisher's events reach two subscribers complete and in order")
    func twoSubscribers() async throws {
        let broker = try await BrokerFixture.start()
        let context = try ZMQContext()
        let ready = SubscriberReadiness()

        async let first = Self.subscribe(context: context, endpoint: broker.subscribers, ready: ready)
        async let second = Self.subscribe(context: context, endpoint: broker.subscribers, ready: ready)
        try await Self.publish(context: context, endpoint: broker.publishers, ready: ready)

        for received in try await [first, second] {
            #expect(received.count == Self.eventCount)
            #expect(received == Array(1...UInt64(Self.eventCount)), "sequences out of order or missing")
        }
        #expect(try await broker.process.stop() == 0)
    }

    /// Publishes warm-up messages until both subscribers have one (the slow joiner), then the events.
    static func publish(context: ZMQContext, endpoint: String, ready: SubscriberReadiness) async throws {
        try await DedicatedThread.run(name: "test-publisher") {
            let socket = try context.socket(.pub)
            try socket.set(.sendHighWaterMark, 0)  // unlimited: the test measures delivery, not back-pressure
            try socket.set(.linger, 10_000)  // queued events still go out after the socket is closed
            try socket.connect(endpoint)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            while ready.count < 2 {
                guard clock.now < deadline else { throw IntegrationError("subscribers never joined") }
                try socket.sendMultipart([Array("enrollment._warmup".utf8), [], []])
                Thread.sleep(forTimeInterval: 0.01)
            }
            var writer = WireWriter()
            let stream = StreamID(service: "enrollment", partition: 0)
            let topic = Array("enrollment.CheckedIn".utf8)
            for sequence in 1...UInt64(eventCount) {
                let event = CheckedIn(
                    lesson: .random(), member: .random(), venue: .random(),
                    at: WireTimestamp(microsecondsSinceEpoch: 1_717_000_000_000_000 + Int64(sequence)),
                    method: .qrCode, clockSkewSeconds: -2)
                let envelope = Envelope(
                    stream: stream, sequence: sequence, eventType: CheckedIn.typeID,
                    schemaVersion: EnrollmentFamily.schemaVersion, time: event.at, commandID: .random(),
                    correlationID: .random())
                try socket.send(topic, more: true)
                writer.reset()
                try writer.write(envelope)
                try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: true) }
                writer.reset()
                try writer.write(event)
                try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes) }
            }
        }
    }

    /// Receives until `eventCount` events have arrived (or 60 s pass); returns their sequences.
    static func subscribe(context: ZMQContext, endpoint: String, ready: SubscriberReadiness) async throws -> [UInt64] {
        try await DedicatedThread.run(name: "test-subscriber") {
            let socket = try context.socket(.sub)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.receiveTimeout, 60_000)
            try socket.connect(endpoint)
            try socket.subscribe("enrollment.")
            let frames = ZMQFrames()
            var joined = false
            var sequences: [UInt64] = []
            while sequences.count < eventCount {
                guard try socket.receiveMultipart(into: frames) else { break }  // receive timeout
                if frames.bytes(0) == Array("enrollment._warmup".utf8) {
                    if !joined { joined = true; ready.increment() }
                    continue
                }
                let envelope = try frames.withFrame(1) { bytes throws(WireError) in try Envelope.view(bytes) }
                let event = try frames.withFrame(2) { bytes throws(WireError) in try CheckedIn(decoding: bytes) }
                guard envelope.eventType == CheckedIn.typeID, event.method == .qrCode else {
                    throw IntegrationError("unexpected event \(envelope.eventType)")
                }
                sequences.append(envelope.sequence)
            }
            return sequences
        }
    }
}

/// How many subscribers have seen a warm-up message.
final class SubscriberReadiness: Sendable {
    private let joined = Mutex(0)
    var count: Int { joined.withLock { $0 } }
    func increment() { joined.withLock { $0 += 1 } }
}
