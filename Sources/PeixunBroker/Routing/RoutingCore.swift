/// The routing state machine without the request bodies: which worker has which request, who is
/// waiting, who is silent, what is due when.
///
/// It is not generic so that it runs at full speed wherever ``RequestRouter`` is used: generic
/// code called from another module runs unspecialised and pays for metadata lookups on every
/// dictionary access. ``RequestRouter`` keeps the bodies beside it and turns its ``Step``s into
/// ``RequestRouter/Action``s.
struct RoutingCore: Sendable {
    /// What the core decided, in order; the same as ``RequestRouter/Action`` less the bodies.
    enum Step: Sendable {
        /// Send the request of `ticket` to a worker.
        case request(ticket: UInt64, to: PeerID, RequestKey, service: String)
        /// Answer a client; `ticket` is the request's, whose body can now be released (`nil` for a
        /// request refused before it got one).
        case reply(ticket: UInt64?, RequestKey, ReplyStatus, detail: String)
        case heartbeat(PeerID)
        case disconnect(PeerID, reason: String)
    }

    /// A request the router holds: waiting, at a worker, or at a worker after its client was
    /// answered (kept so that the worker's credit stays used until it replies).
    struct Record: Sendable {
        enum State: Hashable, Sendable {
            case waiting
            case inFlight(slot: Int, epoch: UInt64)
        }

        var key: RequestKey
        var service: Int
        var deadline: UInt64
        var state: State
        var answered = false
    }

    let configuration: RouterConfiguration
    var counters = RouterCounters()

    let heartbeatNanoseconds: UInt64
    let expiryNanoseconds: UInt64
    let maxTimeoutNanoseconds: UInt64

    /// The latest instant seen: time never goes backwards, even if a caller's clock does.
    var now: UInt64 = 0
    var workers = WorkerTable()
    var services = ServiceTable()
    /// Every request the router still holds, by ticket (a number given in arrival order).
    var records: [UInt64: Record] = [:]
    /// The ticket of each held request by client and request id, to route replies and spot reuse.
    var ticketsByKey: [RequestKey: UInt64] = [:]
    /// Deadlines of unanswered requests. Invariant between inputs: the top entry is live.
    var deadlines = DeadlineHeap()
    var nextTicket: UInt64 = 0
    /// When heartbeats are next due; `nil` while there is no worker to send them to.
    var nextHeartbeat: UInt64?
    /// Requests waiting in a service queue.
    var waitingCount = 0
    /// Requests at a worker whose client is still waiting.
    var inFlightCount = 0
    /// Requests at a worker whose client was already answered `timeout`.
    var overdueCount = 0

    init(configuration: RouterConfiguration) {
        self.configuration = configuration
        self.heartbeatNanoseconds = configuration.heartbeatNanoseconds
        self.expiryNanoseconds = configuration.expiryNanoseconds
        self.maxTimeoutNanoseconds = max(1, configuration.maxRequestTimeout.saturatingNanoseconds)
    }

    /// The earliest of the next heartbeat, the next worker expiry and the next deadline. O(1).
    var nextWakeup: RouterInstant? {
        var earliest = nextHeartbeat
        if let slot = workers.leastRecentlyHeard {
            let expiry = workers.lastHeard(slot).addingSaturating(expiryNanoseconds)
            earliest = min(earliest ?? expiry, expiry)
        }
        if let deadline = deadlines.min?.deadline {
            earliest = min(earliest ?? deadline, deadline)
        }
        return earliest.map { RouterInstant(nanoseconds: $0) }
    }

    /// The workers of `service` in the order they registered. O(k log k) for k workers.
    func workers(of service: String) -> [WorkerInfo] {
        guard let index = services.index(of: service) else { return [] }
        return services.workerSlots(index)
            .sorted { workers.epoch($0) < workers.epoch($1) }
            .map { slot in
                WorkerInfo(
                    peer: workers.peer(slot),
                    service: service,
                    credit: workers.credit(slot),
                    inFlight: workers.inFlightCount(slot),
                    lastHeard: RouterInstant(nanoseconds: workers.lastHeard(slot)),
                    expiresAt: RouterInstant(nanoseconds: workers.lastHeard(slot).addingSaturating(expiryNanoseconds))
                )
            }
    }

    /// Moves the clock to `instant` (never back) and applies what the passing time decided:
    /// deadlines first, so a request whose deadline came is answered rather than requeued, then
    /// silent workers. Every input starts with this.
    mutating func catchUp(to instant: RouterInstant, into steps: inout [Step]) {
        if instant.nanoseconds > now { now = instant.nanoseconds }
        expireDeadlines(into: &steps)
        expireSilentWorkers(into: &steps)
    }
}

/// One registered worker, as `peixun status` shows it.
public struct WorkerInfo: Hashable, Sendable {
    /// The worker's routing id.
    public var peer: PeerID
    /// The service it registered for.
    public var service: String
    /// How many requests it accepts at once.
    public var credit: Int
    /// How many requests it holds now (including ones whose client was already answered timeout).
    public var inFlight: Int
    /// When it was last heard from.
    public var lastHeard: RouterInstant
    /// When it will be dropped unless heard from again.
    public var expiresAt: RouterInstant

    /// A worker's status.
    public init(
        peer: PeerID, service: String, credit: Int, inFlight: Int, lastHeard: RouterInstant, expiresAt: RouterInstant
    ) {
        self.peer = peer
        self.service = service
        self.credit = credit
        self.inFlight = inFlight
        self.lastHeard = lastHeard
        self.expiresAt = expiresAt
    }
}
