public import PeixunCodec
public import PeixunMessages

/// One event off the bus (or a replay): its envelope, and its payload decoded once for every
/// organisation's board. A payload that does not decode still carries its sequence: it is
/// counted as applied (nothing to show) so that it does not look like a gap.
public struct LiveEvent: Sendable {
    public var envelope: Envelope
    public var message: (any WireMessage)?

    public init(envelope: Envelope, message: (any WireMessage)?) {
        self.envelope = envelope
        self.message = message
    }

    /// Decodes the payload bytes of a bus message.
    public init(envelope: Envelope, payload: [UInt8]) {
        self.envelope = envelope
        self.message = payload.withUnsafeBytes { bytes in try? MessageRegistry.decode(bytes) }
    }
}
