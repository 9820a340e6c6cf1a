/// What the router has done since it started, for metrics and `peixun status`.
///
/// Every client request counted in ``requestsReceived`` ends in exactly one of: replied,
/// failed (by reason), still in flight, still queued:
/// `requestsReceived == requestsReplied + requestsFailed + inFlight + queued`.
public struct RouterCounters: Hashable, Sendable {
    /// Client requests accepted for an answer (including invalid ones, which are answered `invalid`).
    public internal(set) var requestsReceived = 0
    /// Client requests dropped because the same client already had a request with that id waiting
    /// for its answer; that answer serves both.
    public internal(set) var duplicateRequestsDropped = 0
    /// REQUEST messages sent to workers; a requeued request counts again when sent again.
    public internal(set) var requestsDispatched = 0
    /// Requests answered `ok` with a worker's reply.
    public internal(set) var requestsReplied = 0
    /// Requests answered `noWorker`: no worker of the service was registered at the deadline.
    public internal(set) var requestsFailedNoWorker = 0
    /// Requests answered `timeout`: workers existed but none replied before the deadline.
    public internal(set) var requestsFailedTimeout = 0
    /// Requests answered `invalid`: malformed or refused.
    public internal(set) var requestsFailedInvalid = 0
    /// In-flight requests put back at the front of their queue because their worker was dropped.
    public internal(set) var requestsRequeued = 0
    /// Worker replies dropped because the client had already been answered (the deadline passed).
    public internal(set) var lateRepliesDropped = 0
    /// Worker replies dropped because the router had no such request in flight at that worker
    /// (including replies from peers that are not registered workers).
    public internal(set) var unknownRepliesDropped = 0
    /// Workers that registered with a valid READY.
    public internal(set) var workersRegistered = 0
    /// Workers dropped for silence (liveness × heartbeat interval without a message).
    public internal(set) var workersExpired = 0
    /// Workers that left with DISCONNECT.
    public internal(set) var workersLeft = 0
    /// Workers disconnected by the broker for a protocol error (bad READY, READY for another service).
    public internal(set) var workersEvicted = 0
    /// HEARTBEAT or REPLY from peers that are not registered workers (answered with DISCONNECT so
    /// that they register again, e.g. after a broker restart).
    public internal(set) var unregisteredWorkerMessages = 0
    /// Malformed or out-of-place messages from any peer: undecodable frames, bad READY, READY for
    /// another service, invalid client requests (these also count in ``requestsFailedInvalid``).
    public internal(set) var protocolErrors = 0

    /// All counters at zero.
    public init() {}

    /// Requests answered with anything but `ok`.
    public var requestsFailed: Int {
        requestsFailedNoWorker + requestsFailedTimeout + requestsFailedInvalid
    }

    /// Requests answered with `status` (for `ok`, the replied count).
    public func requests(answered status: ReplyStatus) -> Int {
        switch status {
        case .ok: requestsReplied
        case .noWorker: requestsFailedNoWorker
        case .timeout: requestsFailedTimeout
        case .invalid: requestsFailedInvalid
        }
    }

    /// Worker replies that were dropped, late or unknown.
    public var repliesDropped: Int {
        lateRepliesDropped + unknownRepliesDropped
    }
}
