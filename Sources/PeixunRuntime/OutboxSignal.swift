import Glibc

/// Wakes the outbox publisher after a commit, from any thread.
///
/// A pipe rather than a ZeroMQ socket: libzmq sockets belong to one thread, but command handlers
/// commit on many, and `write(2)` on a pipe is safe from any of them. The publisher polls the
/// read end beside its sockets, so it sleeps until there is something to send.
public final class OutboxSignal: Sendable {
    /// Read end, polled by the publisher (non-blocking).
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
        var descriptors: [Int32] = [0, 0]
        let result = pipe(&descriptors)
        precondition(result == 0, "pipe failed: errno \(errno)")
        // Non-blocking both ways: a full pipe already means "wake up", so extra notices are
        // dropped, and draining stops when it is empty.
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Says that new events were committed.
    public func notify() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe (the publisher then reads everything unpublished, however many notices came).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
