public import Logging
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

    public init(
        broker: String, service: String, credit: Int = 16, heartbeatInterval: Duration = .seconds(1),
        liveness: Int = 3, instance: String
    ) {
        self.broker = broker
        self.service = service
        self.credit = credit
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.instance = instance
    }
}

/// A worker of the request path: registers a service with the broker, answers the requests the
/// broker sends with `handler`, heartbeats both ways, and registers again after a broker restart
/// or silence. Runs on the calling thread until the context is shut down.
public struct Worker: Sendable {
    public typealias Handler = (UnsafeRawBufferPointer) -> [UInt8]

    public let configuration: WorkerConfiguration
    let logger: Logger

    public init(configuration: WorkerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until `context.shutdown()`; returns normally then.
    public func run(context: ZMQContext, handler: Handler) throws {
        let clock = ContinuousClock()
        do {
            while true {
                var session = try WorkerSession(context: context, configuration: configuration)
                try session.register()
                logger.debug("worker registered", metadata: ["service": "\(configuration.service)"])
                try session.serve(clock: clock, handler: handler)
                logger.info("broker silent or asked to re-register; reconnecting", metadata: ["service": "\(configuration.service)"])
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
        try socket.connect(configuration.broker)
        self.socket = socket
        self.configuration = configuration
        self.writer = WireWriter(capacity: 4096)
    }

    mutating func register() throws {
        try send(WorkerReady(service: configuration.service, credit: UInt32(max(1, configuration.credit)), instance: configuration.instance))
    }

    /// Returns when the broker has been silent for `liveness` intervals or sent BrokerDisconnect.
    mutating func serve(clock: ContinuousClock, handler: Worker.Handler) throws {
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        let interval = configuration.heartbeatInterval
        var nextHeartbeat = clock.now + interval
        var brokerDeadline = clock.now + interval * configuration.liveness
        while true {
            if try poller.poll(until: min(nextHeartbeat, brokerDeadline)) > 0, poller.isReadable(index) {
                while try socket.receiveMultipart(into: frames, dontWait: true) {
                    brokerDeadline = clock.now + interval * configuration.liveness
                    if try handleFrames(handler) == .reRegister { return }
                }
            }
            if clock.now >= brokerDeadline { return }
            if clock.now >= nextHeartbeat {
                try send(WorkerHeartbeat())
                nextHeartbeat = clock.now + interval
            }
        }
    }

    private enum Outcome { case handled, reRegister }

    private mutating func handleFrames(_ handler: Worker.Handler) throws -> Outcome {
        guard frames.count >= 1 else { return .handled }
        let typeID = try frames.withFrame(0) { bytes throws(WireError) in try WireReader.peekTypeID(bytes) }
        switch typeID {
        case WorkerRequest.typeID where frames.count == 2:
            let request = try frames.withFrame(0) { bytes throws(WireError) in try WorkerRequest(decoding: bytes) }
            let answer = frames.withFrame(1) { body in handler(body) }
            try send(WorkerReply(requestID: request.requestID, client: request.client), body: answer)
        case BrokerDisconnect.typeID:
            return .reRegister
        default:
            break  // heartbeats only refresh liveness; anything else is ignored
        }
        return .handled
    }

    private mutating func send<M: WireMessage>(_ message: M, body: [UInt8]? = nil) throws {
        writer.reset()
        try writer.write(message)
        try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: body != nil) }
        if let body { try socket.send(body) }
    }
}
