public import Logging
import Foundation
import PeixunCodec
import PeixunMessages
public import ZeroMQ

/// How a worker registers with the broker and watches it.
public struct WorkerConfiguration: Sendable, Hashable {
    public var broker: String
    public var service: String
    /// Requests the broker may send before this worker replies (at least 1).
    public var credit: Int
    /// Must match the broker's heartbeat interval.
    public var heartbeatInterval: Duration
    /// Intervals of silence from the broker before the worker reconnects and registers again.
    public var liveness: Int
    public var instance: String
    /// CURVE keys for the broker connection; nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    /// The partition this worker serves, for a partitioned service; nil: the whole service.
    public var partition: ServicePartition?

    public init(
        broker: String, service: String, credit: Int = 16, heartbeatInterval: Duration = .seconds(1),
        liveness: Int = 3, instance: String, curve: ZMQCurveClientKeys? = nil, partition: ServicePartition? = nil
    ) {
        self.partition = partition
        self.broker = broker
        self.service = service
        self.credit = credit
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.instance = instance
        self.curve = curve
    }
}

/// A worker of the request path: registers a service with the broker, answers the requests the
/// broker sends with `handler`, heartbeats both ways, and registers again after a broker restart
/// or silence. Runs on the calling thread until the context is shut down.
public struct Worker: Sendable {
    public typealias Handler = (UnsafeRawBufferPointer) -> [UInt8]
    /// Answers several request bodies at once, in order (one reply body per request).
    public typealias BatchHandler = ([[UInt8]]) -> [[UInt8]]
    /// A batch handler that may run long (a whole city's monthly report): it calls `keepAlive`
    /// now and then, on this thread, and the worker heartbeats the broker when one is due, so
    /// the broker does not take a busy worker for a dead one.
    public typealias LongBatchHandler = (_ bodies: [[UInt8]], _ keepAlive: KeepAlive) -> [[UInt8]]
    /// Sends a heartbeat if one is due; cheap to call often (a clock read otherwise).
    public typealias KeepAlive = () -> Void

    public let configuration: WorkerConfiguration
    let logger: Logger

    public init(configuration: WorkerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until `context.shutdown()`, one request at a time; returns normally then.
    public func run(context: ZMQContext, handler: Handler) throws {
        try run(context: context) { (bodies: [[UInt8]]) in bodies.map { body in body.withUnsafeBytes { handler($0) } } }
    }

    /// Serves until `context.shutdown()`, handing `batchHandler` every request waiting at once (up
    /// to the credit): what a service needs for group commit, one transaction for many commands.
    public func run(context: ZMQContext, batchHandler: BatchHandler) throws {
        try run(context: context) { (bodies: [[UInt8]], _: KeepAlive) in batchHandler(bodies) }
    }

    /// Serves like `run(context:batchHandler:)`, with a handler that keeps the worker alive while
    /// it works.
    public func run(context: ZMQContext, longBatchHandler: LongBatchHandler) throws {
        let clock = ContinuousClock()
        do {
            while true {
                var session = try WorkerSession(context: context, configuration: configuration)
                try session.register()
                logger.debug("worker registered", metadata: ["service": "\(configuration.service)"])
                let began = clock.now
                guard let reason = try session.serve(clock: clock, handler: longBatchHandler) else {
                    logger.info("broker silent; reconnecting", metadata: ["service": "\(configuration.service)"])
                    continue
                }
                logger.warning("broker asked to register again", metadata: ["service": "\(configuration.service)", "reason": "\(reason)"])
                // A broker that refuses the registration itself (a partition count that differs
                // from the other workers') answers at once: do not hammer it.
                if clock.now - began < configuration.heartbeatInterval { Thread.sleep(forTimeInterval: configuration.heartbeatInterval.inSeconds) }
            }
        } catch let error as ZMQError where error.isTerminated {
            return
        }
    }
}

/// One connection to the broker, from READY until the broker is silent or disconnects us.
private struct WorkerSession: ~Copyable {
    let socket: ZMQSocket
    let configuration: WorkerConfiguration
    let frames = ZMQFrames(capacity: 4)
    var writer: WireWriter

    init(context: ZMQContext, configuration: WorkerConfiguration) throws(ZMQError) {
        let socket = try context.socket(.dealer)
        try socket.connect(configuration.broker, curve: configuration.curve)
        self.socket = socket
        self.configuration = configuration
        self.writer = WireWriter(capacity: 4096)
    }

    mutating func register() throws {
        try send(WorkerReady(
            service: configuration.service, credit: UInt32(max(1, configuration.credit)), instance: configuration.instance,
            partition: UInt16(configuration.partition?.index ?? 0), partitionCount: UInt16(configuration.partition?.count ?? 0)))
    }

    /// Returns when the broker has been silent for `liveness` intervals (nil) or sent
    /// BrokerDisconnect (its reason).
    ///
    /// The broker counts as silent only when nothing from it is waiting: after a long batch its
    /// heartbeats are read first (they queued while the handler ran).
    mutating func serve(clock: ContinuousClock, handler: Worker.LongBatchHandler) throws -> String? {
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        let interval = configuration.heartbeatInterval
        var nextHeartbeat = clock.now + interval
        var brokerDeadline = clock.now + interval * configuration.liveness
        let heartbeat = try WorkerHeartbeat().encoded()
        let socket = self.socket
        /// The one place a heartbeat is sent: from the loop (blocking, its errors end the
        /// session) and from inside a long batch (`dontWait`: a full queue drops it, and the next
        /// one, an interval later, may pass).
        func heartbeatIfDue(dontWait: Bool) throws(ZMQError) {
            guard clock.now >= nextHeartbeat else { return }
            _ = try socket.send(heartbeat, dontWait: dontWait)
            nextHeartbeat = clock.now + interval
        }
        while true {
            if try poller.poll(until: min(nextHeartbeat, brokerDeadline)) > 0, poller.isReadable(index) {
                var batch: [(request: WorkerRequest, body: [UInt8])] = []
                var reRegister: String?
                // Take what is waiting (at most the credit: the broker sends no more) and answer it
                // in one call.
                while batch.count < max(1, configuration.credit), try socket.receiveMultipart(into: frames, dontWait: true) {
                    brokerDeadline = clock.now + interval * configuration.liveness
                    switch try classify() {
                    case .request(let request, let body): batch.append((request, body))
                    case .reRegister(let reason): reRegister = reason
                    case .other: break
                    }
                    if reRegister != nil { break }
                }
                if !batch.isEmpty {
                    let answers = handler(batch.map { $0.body }) { try? heartbeatIfDue(dontWait: true) }
                    for (item, answer) in zip(batch, answers) {
                        try send(WorkerReply(requestID: item.request.requestID, client: item.request.client), body: answer)
                    }
                }
                if let reRegister { return reRegister }
            } else if clock.now >= brokerDeadline {
                return nil
            }
            try heartbeatIfDue(dontWait: false)
        }
    }

    private enum Received { case request(WorkerRequest, [UInt8]), reRegister(String), other }

    private func classify() throws -> Received {
        guard frames.count >= 1 else { return .other }
        let typeID = try frames.withFrame(0) { bytes throws(WireError) in try WireReader.peekTypeID(bytes) }
        switch typeID {
        case WorkerRequest.typeID where frames.count == 2:
            let request = try frames.withFrame(0) { bytes throws(WireError) in try WorkerRequest(decoding: bytes) }
            return .request(request, frames.bytes(1))
        case BrokerDisconnect.typeID:
            let reason = try? frames.withFrame(0) { bytes throws(WireError) in try BrokerDisconnect(decoding: bytes).reason }
            return .reRegister(reason ?? "(a BrokerDisconnect that did not decode)")
        default:
            return .other  // heartbeats only refresh liveness; anything else is ignored
        }
    }

    private mutating func send<M: WireMessage>(_ message: M, body: [UInt8]? = nil) throws {
        writer.reset()
        try writer.write(message)
        try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: body != nil) }
        if let body { try socket.send(body) }
    }
}
