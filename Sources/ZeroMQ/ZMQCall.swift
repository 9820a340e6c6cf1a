import CZeroMQ

/// A C return value that signals failure the libzmq way: `-1` for `int`, `NULL` for pointers.
protocol ZMQReturnValue {
    associatedtype Success
    /// The value on success, `nil` when the call failed and `zmq_errno()` says why.
    var success: Success? { get }
}

extension Int32: ZMQReturnValue {
    var success: Int32? { self == -1 ? nil : self }
}

extension Optional: ZMQReturnValue {
    var success: Wrapped? { self }
}

/// What a call site wants done with `EAGAIN`.
enum ZMQWouldBlock {
    /// `EAGAIN` is an expected outcome (non-blocking send/receive, or a send/receive timeout):
    /// `zmqCall` returns `nil` instead of throwing.
    case reported
    /// `EAGAIN` is a failure like any other.
    case isError
}

/// The one door every fallible libzmq call goes through (after swift-nio's `syscall(blocking:where:_:)`).
///
/// - Retries `EINTR`: libzmq returns it when a signal lands during a blocking call, and nothing was
///   sent or received, so calling again is always correct. `call` is re-evaluated on each attempt,
///   so a caller can recompute a remaining timeout inside it. Loops are stopped with
///   `ZMQContext.shutdown()` (`ETERM`), not with signals.
/// - Returns `nil` for `EAGAIN` when `wouldBlock` is `.reported`.
/// - Turns every other failure into a `ZMQError` naming `operation` (only evaluated on failure).
@inline(__always)
func zmqCall<Value: ZMQReturnValue>(
    _ operation: @autoclosure () -> String,
    wouldBlock: ZMQWouldBlock,
    fileID: String = #fileID,
    line: Int = #line,
    _ call: () -> Value
) throws(ZMQError) -> Value.Success? {
    while true {
        if let value = call().success { return value }
        let errno = zmq_errno()
        if errno == Errno.interrupted { continue }
        if errno == Errno.wouldBlock, case .reported = wouldBlock { return nil }
        throw ZMQError(errno: errno, operation: operation(), fileID: fileID, line: line)
    }
}

/// `zmqCall` for calls where `EAGAIN` is an error, so a value always comes back.
@inline(__always)
func zmqCall<Value: ZMQReturnValue>(
    _ operation: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line,
    _ call: () -> Value
) throws(ZMQError) -> Value.Success {
    // With `.isError` the core never returns nil; the fallback only satisfies the type checker.
    guard let value = try zmqCall(operation(), wouldBlock: .isError, fileID: fileID, line: line, call) else {
        throw ZMQError(errno: Errno.wouldBlock, operation: operation(), fileID: fileID, line: line)
    }
    return value
}
