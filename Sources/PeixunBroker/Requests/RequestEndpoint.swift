import PeixunTransport
import Logging
import PeixunCodec
import PeixunMessages
import ZeroMQ

/// The request path's I/O: a ROUTER socket, frames decoded into ``RequestRouter`` inputs, and
/// its actions encoded back into frames. All routing decisions live in the router (a pure state
/// machine); this loop only translates and keeps time.
struct RequestEndpoint {
    let endpoint: String
    let routerConfiguration: RouterConfiguration
    let counters: SharedValue<RequestCounters>
    /// Read to answer `broker.status`.
    let busCounters: SharedValue<BusCounters>
    let logger: Logger

    /// The service name the broker answers itself.
    static let statusService = "broker.status"

    func bind(context: ZMQContext, security: BrokerSecurity?) throws(ZMQError) -> ZMQSocket {
        let socket = try context.socket(.router)
        try socket.secure(security)
        // Unroutable replies (a client that went away) fail loudly so they are counted, not lost silently.
        try socket.set(.routerMandatory, true)
        try socket.set(.sendHighWaterMark, 100_000)
        try socket.set(.receiveHighWaterMark, 100_000)
        try socket.bind(endpoint)
        return socket
    }

    /// Routes until the context is shut down (ETERM), then returns.
    func run(_ socket: ZMQSocket) throws(ZMQError) {
        var loop = Loop(socket: socket, router: RequestRouter(configuration: routerConfiguration), busCounters: busCounters)
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        do {
            while true {
                let ready = try poller.poll(timeoutMilliseconds: loop.pollTimeoutMilliseconds())
                if ready > 0, poller.isReadable(index) { try loop.drain() }
                try loop.perform(loop.router.tick(now: loop.now()))
                loop.publishIfDue(to: counters)
            }
        } catch where error.isTerminated {
            loop.publish(to: counters)
        }
    }
}

/// What the request path has done: the router's own counters plus the frames this loop could not
/// turn into router inputs or deliver.
public struct RequestCounters: Sendable, Hashable {
    public var router = RouterCounters()
    /// Messages whose frames could not be decoded (wrong count, bad codec bytes, unknown type).
    public var malformedFrames = 0
    /// Replies and requests addressed to a peer that is gone (EHOSTUNREACH).
    public var unroutable = 0
    /// Sends refused because a peer's queue was full.
    public var sendsDropped = 0
}

/// The loop's mutable state, owned by the routing thread.
private struct Loop: ~Copyable {
    let socket: ZMQSocket
    var router: RequestRouter<[UInt8]>
    /// Which services are partitioned, learned from their workers.
    var partitions = PartitionTable()
    let origin = ContinuousClock.now
    let frames = ZMQFrames(capacity: 4)
    var writer = WireWriter(capacity: 4096)
    var malformed = 0
    var unroutable = 0
    var dropped = 0
    var nextPublish = ContinuousClock.now
    let busCounters: SharedValue<BusCounters>

    init(socket: ZMQSocket, router: RequestRouter<[UInt8]>, busCounters: SharedValue<BusCounters>) {
        self.socket = socket
        self.router = router
        self.busCounters = busCounters
    }

    func now() -> RouterInstant { RouterInstant(elapsed: origin.duration(to: .now)) }

    /// Until the router's next deadline, heartbeat or expiry (at most a second, so counters stay fresh).
    func pollTimeoutMilliseconds() -> Int {
        guard let wakeup = router.nextWakeup else { return 1000 }
        let nanoseconds = now().duration(to: wakeup).saturatingNanoseconds
        return min(1000, Int((nanoseconds + 999_999) / 1_000_000))
    }

    /// Handles what is waiting, a bounded batch at a time.
    mutating func drain() throws(ZMQError) {
        for _ in 0..<4096 {
            do {
                guard try socket.receiveMultipart(into: frames, dontWait: true) else { return }
            } catch where error.code == .tooManyFrames {
                malformed += 1
                continue
            }
            try handleMessage()
        }
    }

    private mutating func handleMessage() throws(ZMQError) {
        guard frames.count >= 2 else {
            malformed += 1
            return
        }
        let frames = self.frames, now = now()
        let outcome = frames.withFrame(1) { control in
            RouterInput.route(
                frameCount: frames.count, peer: frames.bytes(0), control: control, body: { frames.bytes(2) },
                statusService: RequestEndpoint.statusService, router: &router, partitions: &partitions, now: now)
        }
        switch outcome {
        case .actions(let actions): try perform(actions)
        case .status(let peer, let requestID):
            try send(to: peer, ClientReply(requestID: requestID, status: .ok, detail: ""), body: try status())
        case .malformed: malformed += 1
        }
    }

    mutating func perform(_ actions: [RequestRouter<[UInt8]>.Action]) throws(ZMQError) {
        for action in actions {
            switch action {
            case .sendRequest(let worker, let requestID, let client, let service, let body):
                try send(to: worker, WorkerRequest(requestID: requestID.wire, client: client.bytes, service: service), body: body)
            case .sendReply(let client, let requestID, let status, let detail, let body):
                try send(to: client, ClientReply(requestID: requestID.wire, status: status.wire, detail: detail), body: body ?? [])
            case .sendHeartbeat(let worker):
                try send(to: worker, BrokerHeartbeat(), body: nil)
            case .sendDisconnect(let peer, let reason):
                try send(to: peer, BrokerDisconnect(reason: reason), body: nil)
            }
        }
    }

    /// `[peer][control][body]`; a peer that is gone or full is counted and skipped.
    private mutating func send<M: WireMessage>(to peer: PeerID, _ control: M, body: [UInt8]?) throws(ZMQError) {
        writer.reset()
        do {
            try writer.write(control)
        } catch {
            // Only a limit can fail here (a detail or service name over 1 MiB), which the router prevents.
            malformed += 1
            return
        }
        do {
            guard try socket.send(peer.bytes, more: true, dontWait: true) else {
                dropped += 1
                return
            }
            try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: body != nil) }
            if let body { try socket.send(body) }
        } catch where error.code == .hostUnreachable {
            unroutable += 1
        }
    }

    /// The broker's own status, encoded as a `BrokerStatus` body.
    private func status() throws(ZMQError) -> [UInt8] {
        let bus = busCounters.value
        let counters = router.counters
        let status = BrokerStatus(
            eventsForwarded: UInt64(bus.messagesForwarded), eventsDropped: UInt64(bus.messagesDropped),
            subscriptionsForwarded: UInt64(bus.subscriptionsForwarded), busMalformed: UInt64(bus.malformedMessages),
            requestsReceived: UInt64(counters.requestsReceived), requestsReplied: UInt64(counters.requestsReplied),
            requestsFailed: UInt64(counters.requestsFailed), requestsRequeued: UInt64(counters.requestsRequeued),
            malformedFrames: UInt64(malformed), workersExpired: UInt64(counters.workersExpired),
            services: router.serviceNames.sorted().map { service in
                ServiceStatus(
                    service: service, workers: UInt32(router.workers(of: service).count),
                    queued: UInt32(router.queuedRequestCount(of: service)))
            })
        // Cannot break a limit: a handful of counters and service names the router accepted.
        return (try? status.encoded()) ?? []
    }

    /// Publishes at most every 100 ms: readers want fresh numbers, not one lock per message.
    mutating func publishIfDue(to counters: SharedValue<RequestCounters>) {
        let now = ContinuousClock.now
        guard now >= nextPublish else { return }
        nextPublish = now + .milliseconds(100)
        publish(to: counters)
    }

    func publish(to counters: SharedValue<RequestCounters>) {
        var snapshot = RequestCounters()
        snapshot.router = router.counters
        snapshot.malformedFrames = malformed
        snapshot.unroutable = unroutable
        snapshot.sendsDropped = dropped
        counters.update { $0 = snapshot }
    }
}

extension ReplyStatus {
    var wire: PeixunMessages.ReplyStatus {
        switch self {
        case .ok: .ok
        case .noWorker: .noWorker
        case .timeout: .timeout
        case .invalid: .invalid
        }
    }
}
