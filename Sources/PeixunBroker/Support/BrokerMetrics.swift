import PeixunTransport
import Metrics

/// Exports the broker's counters through swift-metrics once a second (the socket loops never
/// touch a metrics backend: they only publish snapshots, and this task turns snapshots into
/// counter increments).
struct BrokerMetrics {
    let bus: SharedValue<BusCounters>
    let requests: SharedValue<RequestCounters>
    let peers: SharedValue<PeerCounters>

    private let forwarded = Counter(label: "peixun_broker_events_forwarded_total")
    private let dropped = Counter(label: "peixun_broker_events_dropped_total")
    private let subscriptions = Counter(label: "peixun_broker_subscriptions_forwarded_total")
    private let busMalformed = Counter(label: "peixun_broker_bus_malformed_total")
    private let received = Counter(label: "peixun_broker_requests_received_total")
    private let replied = Counter(label: "peixun_broker_requests_replied_total")
    private let failed = Counter(label: "peixun_broker_requests_failed_total")
    private let requeued = Counter(label: "peixun_broker_requests_requeued_total")
    private let malformed = Counter(label: "peixun_broker_request_frames_malformed_total")
    private let expired = Counter(label: "peixun_broker_workers_expired_total")
    private let accepted = Counter(label: "peixun_broker_peers_accepted_total")
    private let refused = Counter(label: "peixun_broker_peers_refused_total")

    init(bus: SharedValue<BusCounters>, requests: SharedValue<RequestCounters>, peers: SharedValue<PeerCounters>) {
        self.bus = bus
        self.requests = requests
        self.peers = peers
    }

    /// Reports until cancelled, then once more.
    func run() async {
        var lastBus = BusCounters()
        var lastRequests = RequestCounters()
        var lastPeers = PeerCounters()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let busNow = bus.value
            let requestsNow = requests.value
            let peersNow = peers.value
            report(bus: busNow, since: lastBus, requests: requestsNow, since: lastRequests)
            accepted.increment(by: peersNow.accepted - lastPeers.accepted)
            refused.increment(by: peersNow.refused - lastPeers.refused)
            lastBus = busNow
            lastRequests = requestsNow
            lastPeers = peersNow
        }
    }

    private func report(bus now: BusCounters, since before: BusCounters, requests: RequestCounters, since earlier: RequestCounters) {
        forwarded.increment(by: now.messagesForwarded - before.messagesForwarded)
        dropped.increment(by: now.messagesDropped - before.messagesDropped)
        subscriptions.increment(by: now.subscriptionsForwarded - before.subscriptionsForwarded)
        busMalformed.increment(by: now.malformedMessages - before.malformedMessages)
        received.increment(by: requests.router.requestsReceived - earlier.router.requestsReceived)
        replied.increment(by: requests.router.requestsReplied - earlier.router.requestsReplied)
        failed.increment(by: requests.router.requestsFailed - earlier.router.requestsFailed)
        requeued.increment(by: requests.router.requestsRequeued - earlier.router.requestsRequeued)
        malformed.increment(by: requests.malformedFrames - earlier.malformedFrames)
        expired.increment(by: requests.router.workersExpired - earlier.router.workersExpired)
    }
}
