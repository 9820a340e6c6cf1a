public import Logging
public import ServiceLifecycle
public import PeixunTransport
import ZeroMQ

/// The broker process: the event bus and the request router, each on its own thread, sharing one
/// ZeroMQ context. Runs as a swift-service-lifecycle `Service`; graceful shutdown shuts the context
/// down, which wakes both loops with ETERM, and `run()` returns once both have closed their sockets.
public struct Broker: Service {
    public let configuration: BrokerConfiguration
    public let busCounters = SharedValue(BusCounters())
    public let requestCounters = SharedValue(RequestCounters())
    /// Peers the ZAP handler let in and refused (with `security` only).
    public let peerCounters = SharedValue(PeerCounters())
    let logger: Logger
    let onReady: @Sendable (BrokerEndpoints) -> Void

    /// - Parameter onReady: called once, after every socket is bound, with the bound endpoints.
    public init(
        configuration: BrokerConfiguration,
        logger: Logger,
        onReady: @escaping @Sendable (BrokerEndpoints) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        try configuration.checkPlaintextBinds()
        let context = try ZMQContext(ioThreads: 1)
        let security = configuration.security
        let bus = BusProxy(configuration: configuration.bus, counters: busCounters, logger: logger)
        let requests = RequestEndpoint(
            endpoint: configuration.requestEndpoint, routerConfiguration: configuration.router,
            counters: requestCounters, busCounters: busCounters, logger: logger)
        let announcer = ReadinessAnnouncer(onReady: onReady)
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    var loopsRunning = 2
                    if let security {
                        try await startZAPHandler(security, context: context, in: &group)
                        loopsRunning += 1
                    }
                    group.addTask {
                        try await DedicatedThread.run(name: "peixun-bus") {
                            let sockets: BusProxy.Sockets
                            do { sockets = try bus.bind(context: context, security: security) } catch {
                                context.shutdown()  // stop the other loop too: the process cannot serve
                                throw error
                            }
                            announcer.bus(publishers: try sockets.xsub.lastEndpoint, subscribers: try sockets.xpub.lastEndpoint)
                            try bus.run(sockets)
                        }
                        return true
                    }
                    group.addTask {
                        try await DedicatedThread.run(name: "peixun-requests") {
                            let socket: ZMQSocket
                            do { socket = try requests.bind(context: context, security: security) } catch {
                                context.shutdown()
                                throw error
                            }
                            announcer.requests(try socket.lastEndpoint)
                            try requests.run(socket)
                        }
                        return true
                    }
                    group.addTask {
                        await BrokerMetrics(bus: busCounters, requests: requestCounters, peers: peerCounters).run()
                        return false
                    }
                    // When every socket loop has ended, stop the metrics task too.
                    while loopsRunning > 0, let isLoop = try await group.next() {
                        if isLoop { loopsRunning -= 1 }
                    }
                    group.cancelAll()
                }
            } onCancel: {
                context.shutdown()
            }
        } onGracefulShutdown: {
            context.shutdown()
        }
        logger.info("broker stopped", metadata: ["forwarded": "\(busCounters.value.messagesForwarded)"])
    }

    /// Starts the ZAP handler on its own thread and returns once its socket is bound, so that no
    /// CURVE socket binds (and no handshake happens) before someone checks the keys.
    private func startZAPHandler(
        _ security: BrokerSecurity, context: ZMQContext, in group: inout ThrowingTaskGroup<Bool, any Error>
    ) async throws {
        let zap = ZAPHandler(allowList: security.allowList, counters: peerCounters, logger: logger)
        let (bound, signal) = AsyncStream<Void>.makeStream()
        group.addTask {
            try await DedicatedThread.run(name: "peixun-zap") {
                let socket: ZMQSocket
                do { socket = try zap.bind(context: context) } catch {
                    context.shutdown()
                    signal.finish()
                    throw error
                }
                signal.finish()
                try zap.run(socket)
            }
            return true
        }
        for await _ in bound {}
        logger.info("CURVE on every socket", metadata: ["allowedKeys": "\(security.allowList.count)"])
    }
}

/// Calls `onReady` once both loops have bound.
private final class ReadinessAnnouncer: Sendable {
    private let endpoints = SharedValue<(requests: String?, publishers: String?, subscribers: String?)>((nil, nil, nil))
    private let onReady: @Sendable (BrokerEndpoints) -> Void

    init(onReady: @escaping @Sendable (BrokerEndpoints) -> Void) { self.onReady = onReady }

    func bus(publishers: String, subscribers: String) {
        endpoints.update { $0.publishers = publishers; $0.subscribers = subscribers }
        announceIfComplete()
    }

    func requests(_ endpoint: String) {
        endpoints.update { $0.requests = endpoint }
        announceIfComplete()
    }

    private func announceIfComplete() {
        var ready: BrokerEndpoints?
        endpoints.update { state in
            guard let requests = state.requests, let publishers = state.publishers, let subscribers = state.subscribers
            else { return }
            ready = BrokerEndpoints(requests: requests, publishers: publishers, subscribers: subscribers)
            state = (nil, nil, nil)  // announce once
        }
        if let ready { onReady(ready) }
    }
}
