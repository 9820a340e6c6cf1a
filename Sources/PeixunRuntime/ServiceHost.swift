public import Foundation
public import Logging
public import PeixunMessages
public import PeixunStore
public import PeixunTransport
import ServiceLifecycle
import UnixSignals
public import ZeroMQ

/// Everything one service process runs, around its store: the outbox publisher of its own
/// stream and the replays of it, its commands (exactly once, group commit), its queries, and a
/// subscriber per projection it keeps from other services' events. Each part is a loop on its
/// own thread; `run()` runs them until SIGTERM or SIGINT.
///
/// The enrollment, scoring, archive and reporting processes differ only in what they plug in.
public struct ServiceHost: Sendable {
    /// Where the broker listens.
    public struct Endpoints: Sendable, Hashable {
        /// Requests (ROUTER): commands, queries, replays.
        public var requests: String
        /// Event publishers (XSUB).
        public var publishers: String
        /// Event subscribers (XPUB).
        public var subscribers: String
        /// CURVE keys for all three (`--keys`); nil: plaintext.
        public var curve: ZMQCurveClientKeys?

        public init(
            requests: String = "tcp://127.0.0.1:5570", publishers: String = "tcp://127.0.0.1:5571",
            subscribers: String = "tcp://127.0.0.1:5572", curve: ZMQCurveClientKeys? = nil
        ) {
            self.requests = requests
            self.publishers = publishers
            self.subscribers = subscribers
            self.curve = curve
        }
    }

    /// Events of other services' streams, applied to a projection in this service's store.
    public struct Following: Sendable {
        public var streams: [StreamID]
        public var projection: any Projection

        public init(streams: [StreamID], projection: any Projection) {
            self.streams = streams
            self.projection = projection
        }
    }

    /// The service's name: its stream's, its commands' ("<service>"), queries' and replays'.
    public let service: String
    public let store: ServiceStore
    public let endpoints: Endpoints
    public var commands: (any CommandService)?
    public var queries: (any QueryService)?
    public var following: [Following] = []
    public var heartbeat: Duration = .seconds(1)
    /// The partition this host serves when the service is partitioned (its own store, stream and
    /// workers; a process owning several partitions runs a host for each); nil: the whole service.
    public var partition: ServicePartition?
    /// A read replica of a projection: it follows the streams into its own store and answers
    /// queries beside the service's other instances (the broker balances them), but publishes
    /// nothing, answers no replays and takes no commands: only one instance may number the
    /// service's own stream.
    public var queriesOnly = false
    /// Streams whose applied positions stamp every event the commands append (the partition's
    /// siblings, when it follows them): see ``CommandWorker/stampedStreams``.
    public var stampedStreams: [StreamID] = []
    let logger: Logger

    public init(service: String, store: ServiceStore, endpoints: Endpoints, logger: Logger) {
        self.service = service
        self.store = store
        self.endpoints = endpoints
        self.logger = logger
    }

    /// The stream this host publishes: the service's, or its partition's.
    public var stream: StreamID { StreamID(service: service, partition: UInt16(partition?.index ?? 0)) }

    /// The name the loops' threads and logs carry: the service, and its partition if any.
    var label: String { partition.map { $0.serviceName(service) } ?? service }

    /// Runs every part until a graceful-shutdown signal.
    public func run() async throws {
        try await Self.run([self], logger: logger)
    }

    /// Runs the loops of several hosts (the partitions one process owns) until a graceful-shutdown
    /// signal; all stop together.
    public static func run(_ hosts: [ServiceHost], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: hosts.flatMap { $0.loops() }.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }

    /// The loops, one per part.
    public func loops() -> [LoopService] {
        let signal = OutboxSignal()
        let instance = "\(service)@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        let heartbeat = heartbeat
        var publisher = OutboxPublisher(
            store: store, endpoint: endpoints.publishers, signal: signal, streams: [stream], logger: logger)
        publisher.curve = endpoints.curve
        var replay = ReplayWorker(store: store, service: service, broker: endpoints.requests, logger: logger)
        replay.curve = endpoints.curve
        replay.partition = partition
        let (publisherLoop, replayLoop) = (publisher, replay)
        var loops = queriesOnly ? [] : [
            LoopService(name: "\(label)-publisher") { try publisherLoop.run(context: $0) },
            LoopService(name: "\(label)-replay") { try replayLoop.run(context: $0, heartbeatInterval: heartbeat) },
        ]
        var commandStatistics: SharedValue<CommandStatistics>?
        var subscriberCounters: [SharedValue<SubscriberCounts>] = []
        if let commands, !queriesOnly {
            var worker = CommandWorker(
                store: store, service: service, broker: endpoints.requests, commands: commands, signal: signal, logger: logger)
            worker.curve = endpoints.curve
            worker.partition = partition
            worker.stampedStreams = stampedStreams
            let commandWorker = worker
            commandStatistics = worker.statistics
            loops.append(LoopService(name: "\(label)-commands") { try commandWorker.run(context: $0, heartbeatInterval: heartbeat, instance: instance) })
        }
        for (index, following) in following.enumerated() {
            var subscriber = Subscriber(
                store: store, subscribers: endpoints.subscribers, requests: endpoints.requests, streams: following.streams,
                projection: following.projection, logger: logger)
            subscriber.outboxSignal = signal
            subscriber.curve = endpoints.curve
            let following = subscriber
            subscriberCounters.append(subscriber.counters)
            loops.append(LoopService(name: "\(label)-subscriber-\(index)") { try following.run(context: $0) })
        }
        if let queries {
            // Queries read snapshots on the pool's reader connections, beside the command
            // worker's writes: a long query never holds up a command.
            var worker = QueryWorker(store: store, service: service, broker: endpoints.requests, queries: queries, logger: logger)
            worker.curve = endpoints.curve
            worker.partition = partition
            let (statistics, counters) = (commandStatistics, subscriberCounters)
            worker.problems = {
                var counts = ProblemCounts()
                for subscriber in counters.map({ $0.value }) {
                    counts.malformedIgnored += subscriber.malformedIgnored
                    counts.applyFailures += subscriber.applyFailures
                }
                counts.malformedRequests = statistics?.value.malformed ?? 0
                return counts
            }
            let queryWorker = worker
            loops.append(LoopService(name: "\(label)-queries") { try queryWorker.run(context: $0, heartbeatInterval: heartbeat, instance: instance) })
        }
        return loops
    }
}
