/// What the bus has done, readable from any thread (for `peixun status` and metrics).
public struct BusCounters: Sendable, Hashable {
    /// Event messages passed from publishers to subscribers.
    public var messagesForwarded = 0
    /// Messages the broker could not pass on (a full subscriber with `dropCounted`).
    public var messagesDropped = 0
    /// Subscribe/unsubscribe messages passed from subscribers to publishers.
    public var subscriptionsForwarded = 0
    /// Multipart messages with more frames than the broker accepts, discarded.
    public var malformedMessages = 0
}

extension BusCounters {
    mutating func add(_ delta: BusCounters) {
        messagesForwarded += delta.messagesForwarded
        messagesDropped += delta.messagesDropped
        subscriptionsForwarded += delta.subscriptionsForwarded
        malformedMessages += delta.malformedMessages
    }
}
