import CZeroMQ

/// Readiness of a socket or file descriptor, as reported by `ZMQSocket.events` and `ZMQPoller`.
public struct ZMQEvents: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int16

    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// At least one whole message can be received without blocking (ZMQ_POLLIN).
    public static let readable = ZMQEvents(rawValue: Int16(ZMQ_POLLIN))
    /// At least one message can be sent without blocking (ZMQ_POLLOUT).
    public static let writable = ZMQEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition on a raw file descriptor (ZMQ_POLLERR); never set for ZeroMQ sockets.
    public static let error = ZMQEvents(rawValue: Int16(ZMQ_POLLERR))

    public var description: String {
        var names: [String] = []
        if contains(.readable) { names.append("readable") }
        if contains(.writable) { names.append("writable") }
        if contains(.error) { names.append("error") }
        return "[" + names.joined(separator: ", ") + "]"
    }
}
