import PeixunCodec
public import PeixunMessages
public import ZeroMQ

/// A message off the broker's XPUB, as every follower of the bus reads it (protocols/README.md,
/// "Frames"): three frames are an event (topic, envelope, payload), two a stream head
/// (`<service>._head`, `StreamHead`).
public enum BusMessage: Sendable {
    case event(ReceivedEvent)
    case head(StreamHead)

    /// The message in `frames`; nil when it is not one of ours (another frame count, or an
    /// envelope or head that does not decode). Real events are numbered, so nothing of ours can
    /// hide in what is ignored: a follower counts it and goes on.
    public init?(_ frames: ZMQFrames) {
        do {
            switch frames.count {
            case 3:
                let envelope = try frames.withFrame(1) { bytes throws(WireError) in try Envelope(decoding: bytes) }
                let topic = String(decoding: frames.bytes(0), as: UTF8.self)
                self = .event(ReceivedEvent(topic: topic, envelope: envelope, payload: frames.bytes(2)))
            case 2:
                self = .head(try frames.withFrame(1) { bytes throws(WireError) in try StreamHead(decoding: bytes) })
            default:
                return nil
            }
        } catch {
            return nil
        }
    }
}
