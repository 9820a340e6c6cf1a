/// The settings of a ``RequestRouter``; the defaults follow Majordomo (2.5 s heartbeat, liveness 3).
public struct RouterConfiguration: Hashable, Sendable {
    /// How often the broker sends HEARTBEAT to each worker. Workers should use the same interval:
    /// Majordomo's known weakness is that both sides' rates must match.
    public var heartbeatInterval: Duration
    /// How many heartbeat intervals a worker may stay silent before it is dropped (at least 1).
    public var liveness: Int
    /// The longest wait a client may ask for; longer timeouts are cut to this.
    public var maxRequestTimeout: Duration
    /// The longest service name accepted, in UTF-8 bytes (Majordomo puts it in one short frame).
    public var maxServiceNameLength: Int

    /// Settings; out-of-range values are raised to the smallest that makes sense (1 ns, liveness 1).
    public init(
        heartbeatInterval: Duration = .milliseconds(2_500),
        liveness: Int = 3,
        maxRequestTimeout: Duration = .seconds(60),
        maxServiceNameLength: Int = 255
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.maxRequestTimeout = maxRequestTimeout
        self.maxServiceNameLength = maxServiceNameLength
    }

    /// The heartbeat interval in nanoseconds, never zero so that heartbeats cannot spin.
    var heartbeatNanoseconds: UInt64 {
        max(1, heartbeatInterval.saturatingNanoseconds)
    }

    /// How long a worker may stay silent: liveness × heartbeat interval.
    var expiryNanoseconds: UInt64 {
        let (product, overflow) = heartbeatNanoseconds.multipliedReportingOverflow(by: UInt64(max(1, liveness)))
        return overflow ? .max : product
    }
}
