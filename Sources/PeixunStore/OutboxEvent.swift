public import PeixunCodec
public import PeixunMessages

/// One committed event as the outbox holds it: where it sits (stream, sequence, topic), the
/// envelope's fields, and the payload bytes exactly as encoded when it was appended.
public struct OutboxEvent: Sendable, Hashable {
    public var stream: StreamID
    /// Its place in the stream: 1, 2, 3… without gaps.
    public var sequence: UInt64
    /// The bus topic, `"<service>.<Event>"`.
    public var topic: String
    /// The payload's type id.
    public var eventType: UInt16
    /// The payload family's schema version when the event was written.
    public var schemaVersion: UInt16
    /// When the event was committed (UTC).
    public var committedAt: WireTimestamp
    public var commandID: WireUUID
    public var correlationID: WireUUID
    /// The encoded event (header and body): the third frame on the bus, sent as stored.
    public var payload: [UInt8]
    /// The causal stamp: positions of other streams this event was decided on (`Envelope.after`).
    public var after: [StreamPosition]

    public init(
        stream: StreamID, sequence: UInt64, topic: String, eventType: UInt16, schemaVersion: UInt16,
        committedAt: WireTimestamp, commandID: WireUUID, correlationID: WireUUID, payload: [UInt8],
        after: [StreamPosition] = []
    ) {
        self.stream = stream
        self.sequence = sequence
        self.topic = topic
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.committedAt = committedAt
        self.commandID = commandID
        self.correlationID = correlationID
        self.payload = payload
        self.after = after
    }

    /// The envelope to send with the payload (the second frame on the bus), the same as
    /// `Outbox.append` returned when the event was written.
    public var envelope: Envelope {
        Envelope(
            stream: stream, sequence: sequence, eventType: eventType, schemaVersion: schemaVersion,
            time: committedAt, commandID: commandID, correlationID: correlationID, after: after)
    }
}
