import CZeroMQ

/// An error from libzmq or from the binding's own checks.
///
/// Every failing call in this module throws a `ZMQError`. It carries the `errno` libzmq reported,
/// libzmq's text for it, the operation that failed (for example `zmq_bind tcp://127.0.0.1:x`) and
/// where in the binding it was raised. `description` names the operation and endpoint but never
/// message payloads or key material.
public struct ZMQError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A comparable category of error; wraps a private enum so cases can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case errno(Int32)
            case truncated
            case tooManyFrames
            case z85Length
            case z85Character
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// Any errno, for the cases without a name below.
        public static func errno(_ value: Int32) -> Code { Code(.errno(value)) }
        /// `EAGAIN`: a non-blocking call could not proceed, or a send/receive timeout elapsed.
        public static var wouldBlock: Code { .errno(Errno.wouldBlock) }
        /// `ETERM`: the context was shut down or terminated; close the socket and stop.
        public static var terminated: Code { .errno(ETERM) }
        /// `EINTR`: a signal interrupted the call (the binding retries these itself).
        public static var interrupted: Code { .errno(Errno.interrupted) }
        /// `EHOSTUNREACH`: a ROUTER with `routerMandatory` was given an unknown routing id.
        public static var hostUnreachable: Code { .errno(Errno.hostUnreachable) }
        /// `EINVAL`: a malformed endpoint, option value or key.
        public static var invalidArgument: Code { .errno(Errno.invalidArgument) }
        /// `EADDRINUSE`: the endpoint is already bound.
        public static var addressInUse: Code { .errno(Errno.addressInUse) }
        /// `EPROTONOSUPPORT`: the endpoint's transport is unknown.
        public static var protocolNotSupported: Code { .errno(Errno.protocolNotSupported) }
        /// `ENOTSOCK`: the socket was closed.
        public static var notSocket: Code { .errno(Errno.notSocket) }
        /// A frame was larger than the caller's buffer; the frame was consumed and its bytes lost.
        public static var truncated: Code { Code(.truncated) }
        /// A multipart message had more parts than a `ZMQFrames` holds; the message was discarded.
        public static var tooManyFrames: Code { Code(.tooManyFrames) }
        /// Z85 text or bytes of a length Z85 cannot take (text in groups of 5, bytes of 4, keys of 40).
        public static var z85Length: Code { Code(.z85Length) }
        /// Z85 text with a character outside the Z85 alphabet.
        public static var z85Character: Code { Code(.z85Character) }

        public var description: String {
            switch self {
            case .wouldBlock: return "wouldBlock"
            case .terminated: return "terminated"
            case .interrupted: return "interrupted"
            case .hostUnreachable: return "hostUnreachable"
            case .invalidArgument: return "invalidArgument"
            case .addressInUse: return "addressInUse"
            case .protocolNotSupported: return "protocolNotSupported"
            case .notSocket: return "notSocket"
            default: break
            }
            switch base {
            case .errno(let value): return "errno \(value)"
            case .truncated: return "truncated"
            case .tooManyFrames: return "tooManyFrames"
            case .z85Length: return "z85Length"
            case .z85Character: return "z85Character"
            }
        }
    }

    /// What went wrong, for comparison (`error.code == .hostUnreachable`).
    public let code: Code
    /// The `errno` value (`EMSGSIZE` for the binding's own truncation and frame-count checks).
    public let errno: Int32
    /// A readable explanation: `zmq_strerror(errno)` or the binding's own text.
    public let message: String
    /// The call that failed, e.g. `zmq_bind tcp://127.0.0.1:*`.
    public let operation: String
    /// Where in the binding the error was raised.
    public let fileID: String
    /// Where in the binding the error was raised.
    public let line: Int

    /// An error for an `errno` reported by libzmq.
    init(errno: Int32, operation: String, fileID: String = #fileID, line: Int = #line) {
        self.code = .errno(errno)
        self.errno = errno
        self.message = zmq_strerror(errno).map { String(cString: $0) } ?? "unknown error"
        self.operation = operation
        self.fileID = fileID
        self.line = line
    }

    /// An error found by the binding itself rather than reported by libzmq.
    init(code: Code, errno: Int32, message: String, operation: String, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.errno = errno
        self.message = message
        self.operation = operation
        self.fileID = fileID
        self.line = line
    }

    /// `EAGAIN`: would block, or a send/receive timeout elapsed.
    public var isWouldBlock: Bool { code == .wouldBlock }
    /// `ETERM`: the context was shut down; the loop using this socket should stop.
    public var isTerminated: Bool { code == .terminated }
    /// `EINTR`: interrupted by a signal.
    public var isInterrupted: Bool { code == .interrupted }

    public var description: String {
        "\(operation): \(message) (errno \(errno))"
    }

    public var debugDescription: String {
        "ZMQError(\(code)): \(description) at \(fileID):\(line)"
    }
}
