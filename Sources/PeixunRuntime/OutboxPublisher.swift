public import Logging
import CoreMetrics
import PeixunCodec
public import PeixunMessages
public import PeixunStore
public import ZeroMQ

/// Sends committed events from a service's outbox to the bus, and each stream's head every
/// `headInterval`.
///
/// Nothing is sent before it is committed: the publisher only reads the outbox. What it sends it
/// then marks published; a crash between the two sends those events again after the restart, and
/// subscribers skip them by their cursors (at-least-once delivery, exactly-once effect).
///
/// The socket is an XPUB, not a PUB: a fresh publisher does not yet know the subscriptions that
/// the broker forwards to it, and a PUB silently drops what nobody is known to want (libzmq
/// #3214). The XPUB sees the subscriptions arrive, so after a (re)start the publisher waits for
/// the first one, up to `subscriptionWait`, before sending what is pending.
public struct OutboxPublisher: Sendable {
    public let store: ServiceStore
    /// The broker's publisher endpoint (its XSUB).
    public let endpoint: String
    public let signal: OutboxSignal
    /// The streams this service owns: their heads are announced from the start, at 0 while
    /// empty, so a subscriber can tell "nothing yet" from "not connected".
    public var streams: [StreamID]
    public var headInterval: Duration = .milliseconds(500)
    /// How long a fresh publisher waits for the first subscription before sending pending events.
    public var subscriptionWait: Duration = .seconds(1)
    /// Events read and sent per outbox transaction.
    public var batchSize = 1_000
    /// How long a sent event may stay unmarked. Marks are written in one transaction for all
    /// that was sent in this time, not after every batch: each mark is a `synchronous = FULL`
    /// commit that holds the store's writer, which the command worker needs for every group
    /// commit. A mark only saves resending after a restart (subscribers skip what they have), so
    /// a later one loses nothing; at shutdown the publisher writes what it has.
    public var markInterval: Duration = .milliseconds(200)
    /// Called with each batch after it is read (committed) and before it is sent: a crash point
    /// for the tests that kill a publisher between commit and send. Nil in production.
    public var beforeSending: (@Sendable ([OutboxEvent]) -> Void)?
    public var metrics = RuntimeMetrics()
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    let logger: Logger

    public init(store: ServiceStore, endpoint: String, signal: OutboxSignal, streams: [StreamID], logger: Logger) {
        self.store = store
        self.endpoint = endpoint
        self.signal = signal
        self.streams = streams
        self.logger = logger
    }

    /// Publishes until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext) throws {
        let socket = try context.socket(.xpub)
        // Unlimited: the outbox is the buffer of record; the socket must not drop what it was handed.
        try socket.set(.sendHighWaterMark, 0)
        try socket.set(.linger, 2_000)
        try socket.connect(endpoint, curve: curve)
        let poller = ZMQPoller()
        let wakeups = poller.register(fileDescriptor: signal.readDescriptor, for: .readable)
        let subscriptions = poller.register(socket, for: .readable)
        let clock = ContinuousClock()
        var nextHead = clock.now
        var writer = WireWriter(capacity: 4096)
        let frames = ZMQFrames(capacity: 2)
        var subscribed = false
        let sendAnyway = clock.now + subscriptionWait
        var marks = PendingMarks()
        do {
            while true {
                if subscribed || clock.now >= sendAnyway {
                    try publishPending(on: socket, writer: &writer, marks: &marks)
                }
                if let due = marks.due, clock.now >= due {
                    try writeMarks(&marks)
                }
                if clock.now >= nextHead {
                    try publishHeads(on: socket, writer: &writer)
                    nextHead = clock.now + headInterval
                }
                // Until the first subscription (or the end of the wait for it), also wake when the
                // wait ends, to send what is pending; a subscription arriving wakes the poll itself.
                let waiting = !subscribed && clock.now < sendAnyway
                var wakeup = waiting ? min(nextHead, sendAnyway) : nextHead
                if let due = marks.due { wakeup = min(wakeup, due) }
                if try poller.poll(until: wakeup) > 0 {
                    if poller.isReadable(wakeups) { signal.drain() }
                    // Subscription messages: only their arrival matters here.
                    while poller.isReadable(subscriptions), try socket.receiveMultipart(into: frames, dontWait: true) {
                        subscribed = true
                    }
                }
            }
        } catch let error as ZMQError where error.isTerminated {
            // Shutting down: write what was sent, so a restart does not send it again (if this
            // fails, it is sent again, which subscribers tolerate).
            do {
                try writeMarks(&marks)
            } catch {
                logger.warning("cannot write the published marks at shutdown", metadata: ["error": "\(error)"])
            }
            return
        }
    }

    /// How far each stream was sent beyond its written mark, and when to write the marks.
    struct PendingMarks {
        var sentThrough: [StreamID: UInt64] = [:]
        /// Set by the first send after the marks were written; nil while nothing awaits a mark.
        var due: ContinuousClock.Instant?
    }

    /// Sends every unpublished event (past the written marks and past what this publisher has
    /// already sent), a batch per read, and notes what it sent for the next marks.
    func publishPending(on socket: ZMQSocket, writer: inout WireWriter, marks: inout PendingMarks) throws {
        while true {
            let sent = marks.sentThrough
            let batch = try store.read { db in try Outbox.unpublished(limit: batchSize, sentThrough: sent, in: db) }
            guard !batch.isEmpty else { return }
            beforeSending?(batch)
            for event in batch {
                try send(event, on: socket, writer: &writer)
                marks.sentThrough[event.stream] = max(marks.sentThrough[event.stream] ?? 0, event.sequence)
            }
            if marks.due == nil { marks.due = ContinuousClock.now + markInterval }
            for (stream, events) in Dictionary(grouping: batch, by: \.stream) {
                metrics.counter("peixun_events_published_total", stream: stream.storeKey).increment(by: events.count)
            }
        }
    }

    /// Writes the published marks for everything sent so far, in one transaction.
    func writeMarks(_ marks: inout PendingMarks) throws {
        guard marks.due != nil else { return }
        let through = marks.sentThrough
        try store.write { db in
            for (stream, sequence) in through { try Outbox.markPublished(stream: stream, through: sequence, in: db) }
        }
        marks.due = nil
    }

    /// `[topic][envelope][payload]`, as protocols/README.md specifies.
    func send(_ event: OutboxEvent, on socket: ZMQSocket, writer: inout WireWriter) throws {
        try socket.send(Array(event.topic.utf8), more: true)
        writer.reset()
        try writer.write(event.envelope)
        try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: true) }
        try socket.send(event.payload)
    }

    /// `[<service>._head][StreamHead]` for every stream owned or found in the store.
    func publishHeads(on socket: ZMQSocket, writer: inout WireWriter) throws {
        let heads = try store.read { db in
            let known = try Outbox.streams(in: db)
            let all = streams + known.filter { !streams.contains($0) }
            return try all.map { stream in (stream, try Outbox.head(stream: stream, in: db)) }
        }
        let now = WireTimestamp.now
        for (stream, head) in heads {
            try socket.send(Array(Topic.head(service: stream.service).utf8), more: true)
            writer.reset()
            try writer.write(StreamHead(stream: stream, headSequence: head, time: now))
            try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes) }
        }
    }
}
