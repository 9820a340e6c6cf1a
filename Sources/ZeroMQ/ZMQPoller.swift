import CZeroMQ

/// Waits in `zmq_poll` until one of several sockets (or plain file descriptors) is ready.
///
/// Register items once, then call `poll` in a loop and ask `events(at:)` for each index.
/// The poller keeps its sockets alive; like them it is not `Sendable` and belongs to one thread.
/// A loop blocked in `poll` is stopped by `ZMQContext.shutdown()` (`poll` throws `.terminated`).
public final class ZMQPoller {
    private enum Source {
        case socket(ZMQSocket)
        case fileDescriptor(Int32)
    }

    private var sources: [Source] = []
    private var items: [zmq_pollitem_t] = []

    /// An empty poller.
    public init() {}

    /// How many items are registered.
    public var count: Int { items.count }

    /// Watches `socket` for `events`; returns the index to pass to `events(at:)`.
    @discardableResult
    public func register(_ socket: ZMQSocket, for events: ZMQEvents = .readable) -> Int {
        sources.append(.socket(socket))
        items.append(zmq_pollitem_t(socket: nil, fd: 0, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Watches a plain file descriptor (a pipe, a TCP socket not owned by ZeroMQ) for `events`.
    @discardableResult
    public func register(fileDescriptor: Int32, for events: ZMQEvents = .readable) -> Int {
        sources.append(.fileDescriptor(fileDescriptor))
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Changes what item `index` is watched for (for example add `.writable` only while output is queued).
    public func setEvents(_ events: ZMQEvents, at index: Int) {
        items[index].events = events.rawValue
    }

    /// Blocks until at least one item is ready or `timeoutMilliseconds` pass (-1: no limit, 0: just check),
    /// and returns how many items are ready (0 on timeout).
    ///
    /// A signal (`EINTR`) does not end the wait early: the call resumes with the time that remains,
    /// so 0 always means the timeout elapsed.
    public func poll(timeoutMilliseconds: Int) throws(ZMQError) -> Int {
        for index in items.indices {
            items[index].revents = 0
            if case .socket(let socket) = sources[index] {
                // Read the handle each time so a socket closed after registration fails cleanly.
                items[index].socket = try socket.requireHandle("zmq_poll item \(index)")
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
        let ready = try zmqCall("zmq_poll") {
            let timeout = timeoutMilliseconds < 0 ? -1 : Self.milliseconds(until: deadline, on: clock)
            return items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, Int32($0.count), timeout) }
        }
        return Int(ready)
    }

    /// Blocks until at least one item is ready or `deadline` passes (rounded up to the next whole
    /// millisecond, so the wait never ends early), and returns how many items are ready.
    public func poll(until deadline: ContinuousClock.Instant) throws(ZMQError) -> Int {
        try poll(timeoutMilliseconds: Self.milliseconds(until: deadline, on: ContinuousClock()))
    }

    /// What item `index` was ready for at the last `poll`.
    public func events(at index: Int) -> ZMQEvents {
        ZMQEvents(rawValue: items[index].revents)
    }

    /// Whether item `index` had a message (or data) to read at the last `poll`.
    public func isReadable(_ index: Int) -> Bool {
        events(at: index).contains(.readable)
    }

    /// Whether item `index` could take a message at the last `poll`.
    public func isWritable(_ index: Int) -> Bool {
        events(at: index).contains(.writable)
    }

    /// Whole milliseconds left, rounded up so a wait never ends before the deadline.
    private static func milliseconds(until deadline: ContinuousClock.Instant, on clock: ContinuousClock) -> Int {
        let left = clock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let hasRemainder = attoseconds % 1_000_000_000_000_000 != 0
        return Int(millis) + (hasRemainder ? 1 : 0)
    }
}

@available(*, unavailable, message: "A ZMQPoller belongs to the thread that owns its sockets")
extension ZMQPoller: Sendable {}
