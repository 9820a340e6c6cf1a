import CZeroMQ

/// A ZeroMQ socket.
///
/// Not `Sendable`: libzmq sockets must not be used from two threads at once. Create a socket on the
/// thread (or inside the task) that uses it and keep it there. Only the `ZMQContext` is shared.
///
/// **Linger is 0 from creation**: pending outgoing messages are dropped when the socket closes, so
/// closing and context termination never hang on an unreachable peer. Set `.linger` to keep them.
///
/// The socket closes in `deinit` or earlier with `close()`; it keeps its context alive until then.
public final class ZMQSocket {
    /// The context this socket belongs to (kept alive by the socket).
    public let context: ZMQContext
    /// The socket's pattern.
    public let type: ZMQSocketType
    /// `nil` once closed; every call checks it so a closed socket gives `ENOTSOCK`, never a dangling pointer.
    private(set) var handle: UnsafeMutableRawPointer?

    /// Creates a socket of `type` on `context`, with linger 0.
    public init(context: ZMQContext, type: ZMQSocketType) throws(ZMQError) {
        let handle = try zmqCall("zmq_socket \(type)") { zmq_socket(context.handle, type.rawValue) }
        self.context = context
        self.type = type
        self.handle = handle
        do {
            try set(.linger, 0)
        } catch {
            close()
            throw error
        }
    }

    /// The live handle, or `ENOTSOCK` for a closed socket.
    @inline(__always)
    func requireHandle(_ operation: @autoclosure () -> String, fileID: String = #fileID, line: Int = #line)
        throws(ZMQError) -> UnsafeMutableRawPointer
    {
        guard let handle else {
            throw ZMQError(
                errno: Errno.notSocket, operation: operation() + " (socket closed)", fileID: fileID, line: line)
        }
        return handle
    }

    /// Accepts connections on `endpoint` (`tcp://127.0.0.1:*` picks a free port; read it with `lastEndpoint`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let handle = try requireHandle("zmq_bind \(endpoint)")
        _ = try zmqCall("zmq_bind \(endpoint)") { zmq_bind(handle, endpoint) }
    }

    /// Connects to `endpoint`; libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let handle = try requireHandle("zmq_connect \(endpoint)")
        _ = try zmqCall("zmq_connect \(endpoint)") { zmq_connect(handle, endpoint) }
    }

    /// Stops accepting on an endpoint given to `bind` (use `lastEndpoint` for a wildcard bind).
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let handle = try requireHandle("zmq_unbind \(endpoint)")
        _ = try zmqCall("zmq_unbind \(endpoint)") { zmq_unbind(handle, endpoint) }
    }

    /// Drops a connection made with `connect`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let handle = try requireHandle("zmq_disconnect \(endpoint)")
        _ = try zmqCall("zmq_disconnect \(endpoint)") { zmq_disconnect(handle, endpoint) }
    }

    /// The endpoint of the last `bind` or `connect`, with a wildcard port resolved
    /// (`tcp://127.0.0.1:41523`).
    public var lastEndpoint: String {
        get throws(ZMQError) { try get(.lastEndpoint) }
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket now (pending output is dropped unless `.linger` was raised). Idempotent.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        // zmq_close fails only with ENOTSOCK, which a handle we still own cannot give.
        _ = try? zmqCall("zmq_close") { zmq_close(handle) }
    }

    deinit {
        close()
    }
}

@available(*, unavailable, message: "A ZMQSocket belongs to the thread that created it; share the ZMQContext instead")
extension ZMQSocket: Sendable {}
