/// Where the event bus listens and how much it buffers.
public struct BusConfiguration: Sendable, Hashable {
    /// Publishers connect PUB sockets here (the broker's XSUB).
    public var publisherEndpoint: String
    /// Subscribers connect SUB sockets here (the broker's XPUB).
    public var subscriberEndpoint: String
    /// Messages buffered from publishers before the broker stops reading them (XSUB receive HWM).
    ///
    /// 100,000 events of ~200 bytes is ~20 MB: enough to ride out a burst of a city-scale demo
    /// while the forwarding thread is descheduled on a 2-core machine, small enough to bound memory.
    public var receiveHighWaterMark: Int32
    /// Messages buffered per subscriber before PUB/SUB drops for that subscriber (XPUB send HWM).
    /// Drops are repaired by subscribers from the owner's outbox; the bound protects the broker's
    /// memory from a subscriber that stopped reading.
    public var sendHighWaterMark: Int32
    /// With `true` a full subscriber makes the broker drop the message for every subscriber and
    /// count it (XPUB_NODROP + non-blocking send); with `false` (default) libzmq drops only for the
    /// slow subscriber, silently, and that subscriber sees the gap in its stream.
    public var dropCounted: Bool

    public init(
        publisherEndpoint: String = "tcp://127.0.0.1:5571",
        subscriberEndpoint: String = "tcp://127.0.0.1:5572",
        receiveHighWaterMark: Int32 = 100_000,
        sendHighWaterMark: Int32 = 100_000,
        dropCounted: Bool = false
    ) {
        self.publisherEndpoint = publisherEndpoint
        self.subscriberEndpoint = subscriberEndpoint
        self.receiveHighWaterMark = receiveHighWaterMark
        self.sendHighWaterMark = sendHighWaterMark
        self.dropCounted = dropCounted
    }
}
