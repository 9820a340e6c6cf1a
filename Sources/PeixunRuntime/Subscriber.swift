public import Logging
import Foundation
import CoreMetrics
import PeixunCodec
public import PeixunMessages
public import PeixunStore
public import PeixunTransport
public import ZeroMQ

/// Keeps a projection up to date with the streams it follows, exactly once and in order, however
/// PUB/SUB behaves (drops at full queues, slow joiners, reconnects).
///
/// - Live events are applied in sequence; one at or below the stream's cursor is skipped.
/// - A gap (an event beyond cursor + 1), or a stream head beyond the cursor, makes the subscriber
///   ask the owner's `<service>.replay` for what is missing, in batches, until it has the head.
///   Live events that arrive meanwhile wait in the socket and are then skipped or applied in order.
/// - At start it catches up from its stored cursors (from sequence 1 with an empty store).
/// - An event stamped "after stream A through k" (`Envelope.after`, written by a partition that
///   follows its siblings) is applied only once A is applied through k, when this subscriber
///   follows A: A is replayed up to k first (`Subscriber+CausalOrder.swift`). So the partitions
///   of one service must be followed by one subscriber.
public struct Subscriber: Sendable {
    public let store: ServiceStore
    /// The broker's subscriber endpoint (its XPUB) and request endpoint (for replays).
    public let subscribers: String
    public let requests: String
    /// The streams to follow; events of other streams that match the topics are ignored.
    public let streams: [StreamID]
    public let projection: any Projection
    public let counters = SharedValue(SubscriberCounts())
    public var metrics = RuntimeMetrics()
    /// Receive high-water mark of the SUB socket; small values only make replays more frequent.
    public var receiveHighWaterMark: Int32 = Subscriber.defaultReceiveHighWaterMark
    /// The default high-water mark of a follower's SUB socket (the dashboard's feed uses it too):
    /// 10,000 events (a few MB queued in libzmq while the projection is busy) keeps a lagging
    /// follower's memory bounded; past it the broker drops for this subscriber and the gap is
    /// replayed from the owner's outbox in batches (BENCHMARKS.md part (e): peak RSS).
    public static let defaultReceiveHighWaterMark: Int32 = 10_000
    /// Events asked for per replay request.
    public var replayBatch: UInt32 = 1_000
    /// How long a replay request may take before it is asked again.
    public var replayTimeout: Duration = .seconds(5)
    /// Woken after each commit, when the projection may also publish events of its own (a
    /// service that reacts to others' events: scoring confirming a completion): its outbox
    /// publisher then sends them at once instead of at its next head tick.
    public var outboxSignal: OutboxSignal?
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    let logger: Logger

    public init(
        store: ServiceStore, subscribers: String, requests: String, streams: [StreamID], projection: any Projection,
        logger: Logger
    ) {
        self.store = store
        self.subscribers = subscribers
        self.requests = requests
        self.streams = streams
        self.projection = projection
        self.logger = logger
    }

    /// Follows the streams until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext) throws {
        let socket = try context.socket(.sub)
        try socket.set(.receiveHighWaterMark, receiveHighWaterMark)
        try socket.connect(subscribers, curve: curve)
        for service in Set(streams.map(\.service)) { try socket.subscribe(service + ".") }
        var state = try SubscriberState(subscriber: self, client: RequestClient(context: context, broker: requests, curve: curve))
        let frames = ZMQFrames(capacity: 4)
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        var catchingUp = true
        var pause = Duration.milliseconds(250)
        do {
            while true {
                do {
                    if catchingUp {
                        for stream in streams { try state.catchUp(stream) }
                        catchingUp = false
                    }
                    try receive(socket, poller, index, frames, &state)
                    pause = .milliseconds(250)
                } catch let error as ZMQError {
                    throw error
                } catch {
                    // The store refused the batch (a full disk, a read-only file) or the projection
                    // threw: the transaction rolled back, projection and cursors together. Say so,
                    // wait, take the cursors from the store again and catch up from them by replay;
                    // what the socket drops meanwhile is replayed too.
                    logger.error(
                        "cannot apply events; nothing of the batch was kept, retrying",
                        metadata: ["error": "\(error)", "retry in": "\(pause)"])
                    counters.update { $0.applyFailures += 1 }
                    Thread.sleep(forTimeInterval: pause.inSeconds)
                    pause = min(pause * 2, .seconds(2))
                    try state.reloadCursors()
                    catchingUp = true
                }
            }
        } catch let error as ZMQError where error.isTerminated {
            return
        }
    }

    /// Waits up to a second for events; takes what is waiting (up to a batch) and applies it in
    /// one transaction.
    private func receive(_ socket: ZMQSocket, _ poller: ZMQPoller, _ index: Int, _ frames: ZMQFrames, _ state: inout SubscriberState) throws {
        guard try poller.poll(timeoutMilliseconds: 1_000) > 0, poller.isReadable(index) else { return }
        var live: [ReceivedEvent] = []
        while live.count < 1_000, try socket.receiveMultipart(into: frames, dontWait: true) {
            // Not ours (a stray publisher on our topics): counted, and it must not stop us.
            switch BusMessage(frames) {
            case .event(let event): live.append(event)
            case .head(let head): try state.apply(live); live = []; try state.sawHead(head)
            case nil: counters.update { $0.malformedIgnored += 1 }
            }
        }
        try state.apply(live)
    }
}

/// The subscriber's cursors in memory (the store holds the truth; these save a read per event)
/// and its replay client. Owned by the subscriber's thread.
struct SubscriberState {
    let subscriber: Subscriber
    let client: RequestClient
    var applied: [StreamID: UInt64] = [:]
    var metrics: [StreamID: StreamMetrics] = [:]
    /// The last head seen per stream, for the lag gauge.
    var heads: [StreamID: UInt64] = [:]
    /// A head seen beyond the cursor, given one head interval for its events to arrive live.
    var awaitedHead: [StreamID: UInt64] = [:]

    init(subscriber: Subscriber, client: RequestClient) throws {
        self.subscriber = subscriber
        self.client = client
        for stream in subscriber.streams { metrics[stream] = StreamMetrics(subscriber.metrics, stream: stream.storeKey) }
        try reloadCursors()
    }

    /// The cursors as the store has them (after a failed batch, the ones in memory ran ahead).
    mutating func reloadCursors() throws {
        for stream in subscriber.streams {
            applied[stream] = try subscriber.store.read { db in try Cursors.appliedThrough(stream: stream, in: db) }
        }
        awaitedHead = [:]
    }

    /// Applies live events in order; a gap before one, or a causal stamp beyond another stream's
    /// cursor, triggers a replay first. A stream whose event must wait (its replay, or its
    /// stamp's, is unavailable) is left for the rest of the batch: its next gap or head asks again.
    mutating func apply(_ events: [ReceivedEvent]) throws {
        var pending: [ReceivedEvent] = []
        var waiting: Set<StreamID> = []
        for event in events {
            let stream = event.envelope.stream
            // Not a stream we follow, or one already waiting in this batch.
            guard let cursor = applied[stream], !waiting.contains(stream) else { continue }
            let sequence = event.envelope.sequence
            if sequence <= cursor {
                subscriber.counters.update { $0.duplicatesSkipped += 1 }
                continue
            }
            if sequence > cursor + 1 {
                subscriber.counters.update { $0.gapsRepaired += 1 }
                metrics[stream]?.gapsRepaired.increment()
                try commit(pending)
                pending = []
                try catchUp(stream, through: sequence - 1)
                let reached = applied[stream]!
                if reached < sequence - 1 { waiting.insert(stream) }
                if sequence != reached + 1 { continue }  // the replay stopped short, or went past it already
            }
            guard try stampMet(event, pending: &pending, depth: 0) else {
                waiting.insert(stream)
                continue
            }
            pending.append(event)
            applied[stream] = sequence
        }
        try commit(pending)
    }

    /// A head beyond the cursor is usually events still in flight; if the cursor has not reached
    /// the previous head by the time the next one comes (one interval later), they were lost.
    mutating func sawHead(_ head: StreamHead) throws {
        guard let cursor = applied[head.stream] else { return }
        subscriber.counters.update { $0.headsReceived += 1 }
        heads[head.stream] = max(heads[head.stream] ?? 0, head.headSequence)
        updateLag(head.stream)
        defer { awaitedHead[head.stream] = (applied[head.stream] ?? 0) < head.headSequence ? head.headSequence : nil }
        guard let awaited = awaitedHead[head.stream], cursor < awaited else { return }
        subscriber.counters.update { $0.gapsRepaired += 1 }
        metrics[head.stream]?.gapsRepaired.increment()
        try catchUp(head.stream, through: head.headSequence)
    }

    /// Asks the owner for the events after the cursor until `through` (or the head) is applied;
    /// stops early when the owner is unavailable or an event's stamp cannot be met yet. `depth`
    /// counts the stamps being resolved around this call (see ``stampMet(_:pending:depth:)``).
    mutating func catchUp(_ stream: StreamID, through target: UInt64? = nil, depth: Int = 0) throws {
        while true {
            let cursor = applied[stream] ?? 0
            let request = try ReplayRequest(stream: stream, after: cursor, limit: subscriber.replayBatch).encoded()
            subscriber.counters.update { $0.replaysAsked += 1 }
            metrics[stream]?.replaysAsked.increment()
            let reply = try client.request(
                service: ReplayWorker.serviceName(of: stream), body: request, timeout: subscriber.replayTimeout)
            guard reply.status == .ok else {
                // No owner yet (not started, or restarting): live events and heads will bring us back.
                subscriber.logger.info("replay unavailable", metadata: ["stream": "\(stream.storeKey)", "status": "\(reply.status)"])
                return
            }
            let batch = try ReplayBatch(decoding: reply.body)
            heads[stream] = max(heads[stream] ?? 0, batch.head)
            var pending: [ReceivedEvent] = []
            for replayed in batch.events where replayed.envelope.sequence == (applied[stream] ?? 0) + 1 {
                let event = ReceivedEvent(topic: replayed.topic, envelope: replayed.envelope, payload: replayed.payload)
                guard try stampMet(event, pending: &pending, depth: depth) else {
                    try commit(pending)
                    return
                }
                pending.append(event)
                applied[stream] = event.envelope.sequence
            }
            try commit(pending)
            let reached = applied[stream] ?? 0
            if batch.events.isEmpty || reached == cursor || reached >= batch.head || reached >= (target ?? batch.head) { return }
        }
    }

    /// Head seen minus applied, never negative (live events can run ahead of the last head).
    func updateLag(_ stream: StreamID) {
        let head = heads[stream] ?? 0
        let cursor = applied[stream] ?? 0
        metrics[stream]?.lag.record(Int64(head > cursor ? head - cursor : 0))
    }

    /// One transaction for a batch: each event through a `CursorBatch` (which skips duplicates);
    /// any error rolls the whole batch back.
    func commit(_ events: [ReceivedEvent]) throws {
        guard !events.isEmpty else { return }
        let projection = subscriber.projection
        let applied = try subscriber.store.write { db in
            var applied: [StreamID: Int] = [:]
            var cursors = CursorBatch()
            for event in events {
                let outcome = try cursors.apply(stream: event.envelope.stream, sequence: event.envelope.sequence, in: db) { db in
                    try projection.apply(event, in: db)
                }
                switch outcome {
                case .applied: applied[event.envelope.stream, default: 0] += 1
                case .duplicate: break
                case .gap(let expected):
                    throw StoreError(
                        .sequenceGap, "\(event.envelope.stream.storeKey): got \(event.envelope.sequence), expected \(expected)")
                }
            }
            try cursors.save(in: db)
            return applied
        }
        subscriber.counters.update { $0.eventsApplied += applied.values.reduce(0, +) }
        if !applied.isEmpty { subscriber.outboxSignal?.notify() }
        for (stream, count) in applied {
            metrics[stream]?.applied.increment(by: count)
            updateLag(stream)
        }
    }
}
