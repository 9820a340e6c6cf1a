public import Logging
import CoreMetrics
import PeixunCodec
public import PeixunMessages
public import PeixunStore
public import PeixunTransport
public import ZeroMQ

/// Answers `<service>.replay` on the request path from the service's outbox: the events of a
/// stream after a sequence, so that a subscriber that lost some (PUB/SUB drops silently) or
/// starts late can catch up (protocols/README.md, "Replay").
public struct ReplayWorker: Sendable {
    public let store: ServiceStore
    public let service: String
    public let broker: String
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    /// The partition served, when the service is partitioned; nil: the whole service.
    public var partition: ServicePartition?
    /// The most events in one answer, whatever a request asks (bounds the reply frame).
    public var maxBatch = 1_000
    public var metrics = RuntimeMetrics()
    let logger: Logger

    public init(store: ServiceStore, service: String, broker: String, logger: Logger) {
        self.store = store
        self.service = service
        self.broker = broker
        self.logger = logger
    }

    /// The service name the replay worker registers.
    public static func serviceName(for service: String) -> String { "\(service).replay" }

    /// Where to ask for `stream`'s events: its partition's replay worker, `<service>.replay/<p>`.
    /// The broker sends `/0` to an unpartitioned service's worker (protocols/README.md, "Partitions").
    public static func serviceName(of stream: StreamID) -> String { "\(serviceName(for: stream.service))/\(stream.partition)" }

    /// Serves until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext, heartbeatInterval: Duration = .seconds(1)) throws {
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: Self.serviceName(for: service), credit: 4,
                heartbeatInterval: heartbeatInterval, instance: "\(service)-replay", curve: curve, partition: partition),
            logger: logger)
        try worker.run(context: context) { body in answer(body) }
    }

    /// The reply body for a request body: a `ReplayBatch`, or an empty body if the request is
    /// not a `ReplayRequest` or the store cannot be read (the client treats that as a failure).
    func answer(_ body: UnsafeRawBufferPointer) -> [UInt8] {
        do {
            let request = try ReplayRequest(decoding: body)
            let limit = min(Int(request.limit), maxBatch)
            let (head, events) = try store.read { db in
                (try Outbox.head(stream: request.stream, in: db),
                 try Outbox.events(stream: request.stream, after: request.after, limit: limit, in: db))
            }
            metrics.counter("peixun_replays_served_total", stream: request.stream.storeKey).increment()
            let batch = ReplayBatch(
                stream: request.stream, head: head,
                events: events.map { ReplayedEvent(topic: $0.topic, envelope: $0.envelope, payload: $0.payload) })
            return try batch.encoded()
        } catch {
            logger.warning("replay request failed", metadata: ["error": "\(error)"])
            return []
        }
    }
}
