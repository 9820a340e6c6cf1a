/// Everything the broker process needs to start.
public struct BrokerConfiguration: Sendable, Hashable {
    /// Clients and workers connect DEALER sockets here (the broker's ROUTER).
    public var requestEndpoint: String
    public var bus: BusConfiguration
    public var router: RouterConfiguration
    /// CURVE on every socket, with ZAP against an allow-list; nil: plaintext, loopback only.
    public var security: BrokerSecurity?

    public init(
        requestEndpoint: String = "tcp://127.0.0.1:5570",
        bus: BusConfiguration = BusConfiguration(),
        router: RouterConfiguration = RouterConfiguration(heartbeatInterval: .seconds(1), liveness: 3),
        security: BrokerSecurity? = nil
    ) {
        self.requestEndpoint = requestEndpoint
        self.bus = bus
        self.router = router
        self.security = security
    }

    /// Without `security`, refuses any endpoint another machine could reach (``PlaintextBindRule``).
    public func checkPlaintextBinds() throws(PlaintextBindError) {
        guard security == nil else { return }
        for endpoint in [requestEndpoint, bus.publisherEndpoint, bus.subscriberEndpoint] {
            try PlaintextBindRule.check(endpoint)
        }
    }
}

/// The endpoints the broker actually bound (with `*` ports resolved), announced once it is ready.
public struct BrokerEndpoints: Sendable, Hashable, CustomStringConvertible {
    public var requests: String
    public var publishers: String
    public var subscribers: String

    /// One line, stable for scripts and tests: `requests=… publishers=… subscribers=…`.
    public var description: String {
        "requests=\(requests) publishers=\(publishers) subscribers=\(subscribers)"
    }
}
