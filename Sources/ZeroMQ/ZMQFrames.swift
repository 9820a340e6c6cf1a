import CZeroMQ

/// A reusable container for the frames of one multipart message, filled by
/// `ZMQSocket.receiveMultipart(into:)` and forwarded without copying by `ZMQSocket.send(frames:)`.
///
/// It holds a fixed number of `zmq_msg_t` slots in one allocation made at init, so slots never move
/// (libzmq keeps small frames inside the `zmq_msg_t`) and a receive loop allocates nothing per message.
/// A message with more parts than `capacity` is drained and reported as `.tooManyFrames`, keeping
/// the socket at a message boundary.
///
/// A final class rather than a `~Copyable` struct because a broker keeps one per socket and passes it
/// between a receive call and a send call; reference semantics make that plain. Not `Sendable`: use it
/// on the thread that owns the sockets.
public final class ZMQFrames {
    /// `capacity` slots for frames, plus one scratch slot for draining oversized messages.
    private let slots: UnsafeMutablePointer<zmq_msg_t>
    /// The most frames a message may have.
    public let capacity: Int
    /// Frames of the last message received (0 before the first receive and after an error).
    public internal(set) var count: Int = 0

    /// Creates a container for messages of up to `capacity` frames.
    public init(capacity: Int = 16) {
        precondition(capacity > 0, "ZMQFrames needs room for at least one frame")
        self.capacity = capacity
        slots = .allocate(capacity: capacity + 1)
        for index in 0...capacity {
            // zmq_msg_init always succeeds.
            zmq_msg_init(slots + index)
        }
    }

    deinit {
        for index in 0...capacity {
            _ = try? zmqCall("zmq_msg_close") { zmq_msg_close(slots + index) }
        }
        slots.deallocate()
    }

    /// The slot for frame `index`; for the socket's receive and send code.
    func slot(_ index: Int) -> UnsafeMutablePointer<zmq_msg_t> {
        precondition(index >= 0 && index <= capacity, "frame slot \(index) out of 0...\(capacity)")
        return slots + index
    }

    /// The slot that swallows the frames of a message beyond `capacity`.
    var scratch: UnsafeMutablePointer<zmq_msg_t> { slots + capacity }

    private func checked(_ index: Int) -> UnsafeMutablePointer<zmq_msg_t> {
        precondition(index >= 0 && index < count, "frame \(index) out of range 0..<\(count)")
        return slots + index
    }

    /// The size in bytes of frame `index`.
    public func byteCount(_ index: Int) -> Int {
        zmq_msg_size(checked(index))
    }

    /// Reads frame `index` in place; the buffer is valid only inside `body`.
    public func withFrame<Result, Failure: Error>(
        _ index: Int,
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let slot = checked(index)
        return try body(UnsafeRawBufferPointer(start: zmq_msg_data(slot), count: zmq_msg_size(slot)))
    }

    /// A copy of frame `index`'s bytes.
    public func bytes(_ index: Int) -> [UInt8] {
        withFrame(index) { Array($0) }
    }

    /// Releases every frame's content now (so large payloads are not held until the next receive)
    /// and sets `count` to 0.
    public func removeAll() {
        for index in 0...capacity {
            _ = try? zmqCall("zmq_msg_close") { zmq_msg_close(slots + index) }
            zmq_msg_init(slots + index)
        }
        count = 0
    }
}

@available(*, unavailable, message: "ZMQFrames belongs to the thread that owns its sockets")
extension ZMQFrames: Sendable {}
