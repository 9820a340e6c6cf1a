public import GRDB
public import PeixunMessages

/// One event as a subscriber receives it (live from the bus or from a replay).
public struct ReceivedEvent: Sendable {
    public var topic: String
    public var envelope: Envelope
    public var payload: [UInt8]

    public init(topic: String, envelope: Envelope, payload: [UInt8]) {
        self.topic = topic
        self.envelope = envelope
        self.payload = payload
    }
}

/// What a subscriber builds from events: applied inside the store transaction that also
/// advances the stream's cursor, so each event takes effect exactly once.
public protocol Projection: Sendable {
    /// Updates the projection for `event`. Throwing undoes this event's changes; the subscriber
    /// stops with the error (the event is applied again when it restarts).
    func apply(_ event: ReceivedEvent, in db: Database) throws
}
