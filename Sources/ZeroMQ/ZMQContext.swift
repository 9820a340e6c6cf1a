import CZeroMQ

/// A libzmq context: the I/O threads and the registry of sockets.
///
/// `@unchecked Sendable` is honest here: libzmq documents contexts as thread-safe, and this class
/// holds nothing but the immutable handle. Share one context across threads and tasks; create each
/// `ZMQSocket` on the thread that uses it.
///
/// Every socket keeps its context alive, so the context's `deinit` (which calls `zmq_ctx_term`, and
/// that blocks until every socket is closed) only runs after the last socket has closed.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Creates a context with `ioThreads` background I/O threads (the ZeroMQ guide suggests one per
    /// gigabyte per second of traffic).
    public init(ioThreads: Int = 1) throws(ZMQError) {
        let handle = try zmqCall("zmq_ctx_new") { zmq_ctx_new() }
        do {
            _ = try zmqCall("zmq_ctx_set ZMQ_IO_THREADS \(ioThreads)") {
                zmq_ctx_set(handle, ZMQ_IO_THREADS, Int32(clamping: ioThreads))
            }
        } catch {
            _ = try? zmqCall("zmq_ctx_term") { zmq_ctx_term(handle) }
            throw error
        }
        self.handle = handle
    }

    /// Makes every blocking call on this context's sockets, in any thread, return `ETERM` now, and
    /// every later call too. This is how loops blocked in `receive` or `poll` are stopped. The sockets
    /// must still be closed (or released) by their owners; the context is terminated in `deinit`.
    public func shutdown() {
        // Only fails with EFAULT for an invalid handle, which `handle` never is.
        _ = try? zmqCall("zmq_ctx_shutdown") { zmq_ctx_shutdown(handle) }
    }

    /// Creates a socket of the given type on this context (same as `ZMQSocket(context:type:)`).
    public func socket(_ type: ZMQSocketType) throws(ZMQError) -> ZMQSocket {
        try ZMQSocket(context: self, type: type)
    }

    deinit {
        // Sockets hold this context strongly, so all of them are closed by now and term cannot hang.
        _ = try? zmqCall("zmq_ctx_term") { zmq_ctx_term(handle) }
    }
}
