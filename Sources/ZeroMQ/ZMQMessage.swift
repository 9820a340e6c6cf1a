import CZeroMQ

/// One ZeroMQ frame (a `zmq_msg_t`) owned by Swift, for receiving and sending without copying.
///
/// Why `~Copyable`: a `zmq_msg_t` has exactly one owner that must close it exactly once, and
/// libzmq takes its content on send. A noncopyable struct states that in the type (no aliasing, no
/// reference counting on the hot path) and closes the frame in `deinit`.
///
/// Why a pointer: libzmq keeps small frames inside the `zmq_msg_t` itself, and moving it after
/// `zmq_msg_init` would break it. The `zmq_msg_t` lives in one heap allocation made at init; moving
/// a `ZMQMessage` moves only the pointer.
///
/// Reuse one message across receives: each `receive(into:)` releases the previous content.
/// Not `Sendable`: use it where it was received.
public struct ZMQMessage: ~Copyable {
    let pointer: UnsafeMutablePointer<zmq_msg_t>

    /// An empty frame, ready to receive into.
    public init() {
        pointer = .allocate(capacity: 1)
        // zmq_msg_init always succeeds.
        zmq_msg_init(pointer)
    }

    /// A frame of `count` bytes (contents unspecified) to fill with `withUnsafeMutableBytes` before sending.
    public init(count: Int) throws(ZMQError) {
        let pointer = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        do {
            _ = try zmqCall("zmq_msg_init_size \(count)") { zmq_msg_init_size(pointer, count) }
        } catch {
            pointer.deallocate()
            throw error
        }
        self.pointer = pointer
    }

    /// A frame holding a copy of `bytes`.
    public init(copying bytes: UnsafeRawBufferPointer) throws(ZMQError) {
        try self.init(count: bytes.count)
        if let source = bytes.baseAddress, bytes.count > 0 {
            zmq_msg_data(pointer).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// A frame holding a copy of `bytes`.
    public init(copying bytes: [UInt8]) throws(ZMQError) {
        try self.init(count: bytes.count)
        let destination = zmq_msg_data(pointer)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress, source.count > 0 {
                destination?.copyMemory(from: base, byteCount: source.count)
            }
        }
    }

    /// A frame holding the UTF-8 bytes of `string`.
    public init(copying string: String) throws(ZMQError) {
        try self.init(copying: Array(string.utf8))
    }

    deinit {
        // Fails only for a message that was never initialised, which this type rules out.
        _ = try? zmqCall("zmq_msg_close") { zmq_msg_close(pointer) }
        pointer.deallocate()
    }

    /// The frame's size in bytes.
    public var count: Int { zmq_msg_size(pointer) }

    /// After a receive: whether more frames of the same multipart message follow.
    public var hasMore: Bool { zmq_msg_more(pointer) != 0 }

    /// Reads the frame's bytes in place; the buffer is valid only inside `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: zmq_msg_size(pointer)))
    }

    /// Writes the frame's bytes in place (before sending); the buffer is valid only inside `body`.
    public mutating func withUnsafeMutableBytes<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableRawBufferPointer(start: zmq_msg_data(pointer), count: zmq_msg_size(pointer)))
    }

    /// A copy of the frame's bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Releases the content (and any large buffer) now, leaving an empty frame.
    public mutating func removeAll() {
        _ = try? zmqCall("zmq_msg_close") { zmq_msg_close(pointer) }
        zmq_msg_init(pointer)
    }
}

@available(*, unavailable, message: "A ZMQMessage is used where it was received")
extension ZMQMessage: Sendable {}
