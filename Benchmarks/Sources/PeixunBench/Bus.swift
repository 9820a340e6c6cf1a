import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Synchronization
import ZeroMQ

/// The event bus benchmark: a publisher thread and a subscriber (the main thread) in one process,
/// connected through a running broker (its XSUB for publishers, its XPUB for subscribers).
///
/// Every message has three frames: topic, envelope, payload.
/// - `peixun`: the publisher encodes an `Envelope` (sequence 1, 2, 3…) and the `MemberEnrolled`
///   payload into two reused `WireWriter`s per message and sends the three frames; the subscriber
///   receives them with `receiveMultipart(into:)` (zero copy), view-decodes the envelope and checks
///   that the sequence is the next one.
/// - `raw`: the reference. The same three frames as constant, pre-encoded bytes of the same sizes
///   (`send(UnsafeRawBufferPointer)` = `zmq_send`); the subscriber receives each frame into a
///   buffer (`receive(into:)` = `zmq_recv`) and only counts.
///
/// Slow joiner: the publisher sends warm-up messages (topic `bench.warmup`) every 10 ms until the
/// subscriber has received one; only then does the timed run start. Publisher SNDHWM and
/// subscriber RCVHWM are 0 (unlimited). The subscriber times from its first timed message to its
/// last; it stops after `n` messages, or after 3 s without one (then the rest count as lost).
///
/// Options after the four arguments:
/// - `--keys DIR`: both sockets connect with CURVE, as client `bench` of `DIR` (`peixun keys`),
///   to a broker started with `--keys DIR`.
/// - `--rate R`: latency instead of throughput. The publisher paces itself to R messages/s (a
///   burst every millisecond) and stamps each message with its send time from the monotonic clock
///   (the envelope's `time`, in µs, for `peixun`; the payload's first 8 bytes, in ns, for `raw`);
///   the subscriber takes the difference on arrival and prints p50/p99/max.
enum BusCommand {
    static let warmedUp = Atomic<Bool>(false)
    static let subscriberDone = Atomic<Bool>(false)

    static let eventTopic = Topic.event(service: "enrollment", message: MemberEnrolled.typeName)
    static let warmupTopic = "bench.warmup"

    struct Options {
        var curve: ZMQCurveClientKeys?
        /// Messages per second to pace to (latency runs); 0: as fast as possible.
        var rate = 0
    }
    nonisolated(unsafe) static var options = Options()

    static func run(_ arguments: [String]) throws {
        let usage = "usage: bus <raw|peixun> <publishers-endpoint> <subscribers-endpoint> <messages> [--keys DIR] [--rate R]"
        guard arguments.count >= 4, ["raw", "peixun"].contains(arguments[0]), let n = Int(arguments[3]), n > 0 else { fail(usage) }
        var rest = arguments.dropFirst(4)
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail(usage) }
            switch flag {
            case "--keys": options.curve = try KeyFolder(path: value).clientKeys(name: "bench")
            case "--rate": options.rate = Int(value) ?? 0
            default: fail(usage)
            }
        }
        let mode = arguments[0]
        let publishers = arguments[1]
        let subscribers = arguments[2]
        let context = try ZMQContext(ioThreads: 1)
        let event = try Fixtures(seed: seedFromEnvironment()).peixun

        // Subscriber socket first, so its subscription is on its way before the publisher starts.
        let sub = try context.socket(.sub)
        try sub.set(.receiveHighWaterMark, 0)
        try sub.set(.receiveTimeout, 3000)
        try sub.subscribe("enrollment.")
        try sub.subscribe("bench.")
        try sub.connect(subscribers, curve: options.curve)

        let publisherDone = DispatchSemaphore(value: 0)
        let publishSeconds = Mutex<Double>(0)
        let publisherError = Mutex<String?>(nil)
        let thread = Thread {
            do {
                let seconds = try publish(mode: mode, context: context, endpoint: publishers, event: event, n: n)
                publishSeconds.withLock { $0 = seconds }
            } catch {
                publisherError.withLock { $0 = "\(error)" }
                warmedUp.store(true, ordering: .releasing)
            }
            publisherDone.signal()
        }
        thread.name = "bench-publisher"
        thread.start()

        var result = try mode == "raw" ? subscribeRaw(sub, n: n) : subscribePeixun(sub, n: n)
        subscriberDone.store(true, ordering: .releasing)
        publisherDone.wait()
        if let message = publisherError.withLock({ $0 }) { fail("publisher: \(message)") }
        let seconds = Double(result.lastNanoseconds &- result.firstNanoseconds) / 1e9
        let rate = result.received > 1 ? Double(result.received - 1) / seconds : 0
        result.latencies.sort()
        func percentile(_ p: Double) -> String {
            result.latencies.isEmpty ? "-" : String(format: "%.1f", result.latencies[min(result.latencies.count - 1, Int(Double(result.latencies.count) * p))])
        }
        let latency = options.rate > 0 ? " rate=\(options.rate) p50_us=\(percentile(0.5)) p99_us=\(percentile(0.99)) max_us=\(percentile(1))" : ""
        print(
            "bus mode=\(mode)\(options.curve == nil ? "" : " curve=1") sent=\(n) received=\(result.received) lost=\(n - result.received)"
                + " out_of_order=\(result.outOfOrder) seconds=\(String(format: "%.3f", seconds))"
                + " events_per_s=\(Int(rate)) publish_seconds=\(String(format: "%.3f", publishSeconds.withLock { $0 }))"
                + " last_message_bytes=\(result.messageBytes)\(latency)")
    }

    struct Result {
        var received = 0
        var outOfOrder = 0
        var firstNanoseconds: UInt64 = 0
        var lastNanoseconds: UInt64 = 0
        var messageBytes = 0
        /// Latency runs: send to receive of each message, µs.
        var latencies: [Double] = []
    }

    // MARK: - Publisher

    /// Runs on its own thread; its socket is created there. Returns the seconds spent sending.
    static func publish(mode: String, context: ZMQContext, endpoint: String, event: MemberEnrolled, n: Int) throws
        -> Double
    {
        let pub = try context.socket(.pub)
        try pub.set(.sendHighWaterMark, 0)
        try pub.connect(endpoint, curve: options.curve)

        // Slow joiner: warm up until the subscriber has seen a message through the broker.
        let warmup: [UInt8] = [0]
        let deadline = nowNanoseconds() + 20_000_000_000
        while !warmedUp.load(ordering: .acquiring) {
            guard nowNanoseconds() < deadline else { throw BenchError("no warm-up message reached the subscriber in 20 s") }
            try pub.send(warmupTopic, more: true)
            try pub.send(warmup, more: true)
            try pub.send(warmup)
            usleep(10_000)
        }

        let start = nowNanoseconds()
        if mode == "raw" {
            try publishRaw(pub, event: event, n: n)
        } else {
            try publishPeixun(pub, event: event, n: n)
        }
        let seconds = Double(nowNanoseconds() - start) / 1e9
        // Linger is 0: keep the socket open until the subscriber has everything.
        while !subscriberDone.load(ordering: .acquiring) { usleep(1_000) }
        pub.close()
        return seconds
    }

    static func envelope(for event: MemberEnrolled, sequence: UInt64) -> Envelope {
        Envelope(
            stream: StreamID(service: "enrollment", partition: 0), sequence: sequence,
            eventType: MemberEnrolled.typeID, schemaVersion: 1, time: event.enrolledAt,
            commandID: WireUUID(high: 0x1f0e_2d3c_4b5a_4968, low: 0x8776_6554_4332_2110),
            correlationID: WireUUID(high: 0x0123_4567_89ab_4def, low: 0x8123_4567_89ab_cdef))
    }

    /// Encodes the envelope (sequence 1…n) and the payload per message into reused writers.
    @inline(never)
    static func publishPeixun(_ pub: ZMQSocket, event: MemberEnrolled, n: Int) throws {
        var envelope = envelope(for: event, sequence: 0)
        var envelopeWriter = WireWriter(capacity: 256)
        var payloadWriter = WireWriter(capacity: 512)
        let topic = Array(eventTopic.utf8)
        var pacer = Pacer(rate: options.rate)
        for sequence in 1...UInt64(n) {
            envelope.sequence = sequence
            if pacer.pace() { envelope.time = WireTimestamp(microsecondsSinceEpoch: Int64(nowNanoseconds() / 1_000)) }
            envelopeWriter.reset()
            try envelopeWriter.write(envelope)
            payloadWriter.reset()
            try payloadWriter.write(event)
            try pub.send(topic, more: true)
            try envelopeWriter.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try pub.send(bytes, more: true) }
            try payloadWriter.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try pub.send(bytes) }
        }
    }

    /// The same three frames, pre-encoded once (the envelope with sequence n, so its size is that
    /// of the largest sequence numbers), sent as constant bytes.
    @inline(never)
    static func publishRaw(_ pub: ZMQSocket, event: MemberEnrolled, n: Int) throws {
        let topic = Array(eventTopic.utf8)
        let envelopeBytes = try envelope(for: event, sequence: UInt64(n)).encoded()
        var payloadBytes = try event.encoded()
        var pacer = Pacer(rate: options.rate)
        try topic.withUnsafeBytes { topic in
            try envelopeBytes.withUnsafeBytes { envelope in
                try payloadBytes.withUnsafeMutableBytes { payload in
                    for _ in 0..<n {
                        if pacer.pace() { payload.storeBytes(of: nowNanoseconds(), as: UInt64.self) }
                        try pub.send(topic, more: true)
                        try pub.send(envelope, more: true)
                        try pub.send(UnsafeRawBufferPointer(payload))
                    }
                }
            }
        }
    }

    // MARK: - Subscriber

    /// Waits for a warm-up message, then receives until `n` timed messages or a 3 s silence.
    @inline(never)
    static func subscribePeixun(_ sub: ZMQSocket, n: Int) throws -> Result {
        let frames = ZMQFrames(capacity: 4)
        try waitForWarmup { () throws(ZMQError) -> UInt8? in
            guard try sub.receiveMultipart(into: frames) else { return nil }
            return frames.withFrame(0) { $0.first }
        }
        var result = Result()
        var expected: UInt64 = 1
        while result.received < n {
            guard try sub.receiveMultipart(into: frames) else { break }
            guard frames.count == 3 else { throw BenchError("a message of \(frames.count) frames") }
            if frames.withFrame(0, { $0.first }) == UInt8(ascii: "b") { continue }  // a late warm-up
            let now = nowNanoseconds()
            if result.received == 0 { result.firstNanoseconds = now }
            result.lastNanoseconds = now
            if result.received &+ 1 == n {  // the size of the last message, measured once
                result.messageBytes = frames.byteCount(0) &+ frames.byteCount(1) &+ frames.byteCount(2)
            }
            let (sequence, sent) = try frames.withFrame(1) { (bytes) throws(WireError) in
                let envelope = try Envelope.view(bytes)
                return (envelope.sequence, envelope.time.microsecondsSinceEpoch)
            }
            if options.rate > 0 { result.latencies.append(Double(now / 1_000) - Double(sent)) }
            if sequence != expected { result.outOfOrder += 1 }
            expected = sequence &+ 1
            result.received += 1
        }
        return result
    }

    /// The reference subscriber: three `zmq_recv`s into buffers, a count, nothing decoded.
    @inline(never)
    static func subscribeRaw(_ sub: ZMQSocket, n: Int) throws -> Result {
        let buffers = UnsafeMutableRawBufferPointer.allocate(byteCount: 3 * 1024, alignment: 16)
        defer { buffers.deallocate() }
        let topic = UnsafeMutableRawBufferPointer(rebasing: buffers[0..<1024])
        let envelope = UnsafeMutableRawBufferPointer(rebasing: buffers[1024..<2048])
        let payload = UnsafeMutableRawBufferPointer(rebasing: buffers[2048..<3072])
        try waitForWarmup { () throws(ZMQError) -> UInt8? in
            guard let size = try sub.receive(into: topic) else { return nil }
            _ = try sub.receive(into: envelope)
            _ = try sub.receive(into: payload)
            return size > 0 ? topic[0] : nil
        }
        var result = Result()
        while result.received < n {
            guard let topicSize = try sub.receive(into: topic) else { break }
            guard let envelopeSize = try sub.receive(into: envelope), let payloadSize = try sub.receive(into: payload)
            else { throw BenchError("a message ended early") }
            if topic[0] == UInt8(ascii: "b") { continue }  // a late warm-up
            let now = nowNanoseconds()
            if result.received == 0 { result.firstNanoseconds = now }
            result.lastNanoseconds = now
            result.messageBytes = topicSize &+ envelopeSize &+ payloadSize
            if options.rate > 0 { result.latencies.append(Double(now &- payload.loadUnaligned(as: UInt64.self)) / 1_000) }
            result.received += 1
        }
        return result
    }

    /// Receives until a warm-up message (first topic byte `b`) arrives, then tells the publisher.
    static func waitForWarmup(_ receive: () throws(ZMQError) -> UInt8?) throws {
        let deadline = nowNanoseconds() + 20_000_000_000
        while nowNanoseconds() < deadline {
            if let first = try receive(), first == UInt8(ascii: "b") {
                warmedUp.store(true, ordering: .releasing)
                return
            }
        }
        throw BenchError("no warm-up message in 20 s")
    }
}

/// Paces a sender to `rate` messages a second, a burst every millisecond; `pace()` sleeps when the
/// burst is spent and says whether the message is the first of its burst (the one stamped).
/// Rate 0: never sleeps, and nothing is stamped.
struct Pacer {
    let perBurst: Int
    var sent = 0
    var next: UInt64 = 0

    init(rate: Int) { perBurst = rate > 0 ? max(1, rate / 1_000) : 0 }

    mutating func pace() -> Bool {
        guard perBurst > 0 else { return false }
        if sent % perBurst == 0 {
            let now = nowNanoseconds()
            if next == 0 { next = now }
            if next > now { usleep(UInt32((next - now) / 1_000)) }
            next += 1_000_000
        }
        sent += 1
        return true
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
