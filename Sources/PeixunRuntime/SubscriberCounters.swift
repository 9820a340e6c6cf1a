/// What a subscriber has done, readable from any thread (status pages, metrics, tests).
public struct SubscriberCounts: Sendable, Hashable {
    /// Events applied to the projection (live or replayed).
    public var eventsApplied = 0
    /// Live events at or below the cursor, skipped.
    public var duplicatesSkipped = 0
    /// Losses repaired by replay: a gap in live events, or a stream head that stayed beyond the
    /// cursor for a whole head interval (PUB/SUB dropped the tail of a burst).
    public var gapsRepaired = 0
    /// Replay requests sent to owners.
    public var replaysAsked = 0
    /// Stream heads received (the first one says the subscription is live).
    public var headsReceived = 0
    /// Messages on the subscribed topics that were not events or heads, ignored.
    public var malformedIgnored = 0
    /// Batches the store refused (a full disk, a read-only file) or the projection threw on:
    /// rolled back whole, then retried from the store's cursors.
    public var applyFailures = 0
    /// Events whose causal stamp named a position of another followed stream not yet applied:
    /// that stream was replayed up to it first (docs/architecture.md, "Causal stamps").
    public var stampsAwaited = 0
}
