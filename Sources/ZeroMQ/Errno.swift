// The C library's errno constants (EAGAIN, EINTR, …) come from the platform module, not from
// zmq.h; this file is the only place that knows which platform module that is.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// POSIX error numbers the binding tests for by name, gathered so other files need no platform import.
enum Errno {
    static let wouldBlock: Int32 = EAGAIN
    static let interrupted: Int32 = EINTR
    static let invalidArgument: Int32 = EINVAL
    static let messageSize: Int32 = EMSGSIZE
    static let notSocket: Int32 = ENOTSOCK
    static let hostUnreachable: Int32 = EHOSTUNREACH
    static let addressInUse: Int32 = EADDRINUSE
    static let protocolNotSupported: Int32 = EPROTONOSUPPORT
}
