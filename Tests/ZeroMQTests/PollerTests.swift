#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import ZeroMQ

@Suite("Polling")
struct PollerTests {
    @Test("Readable is reported only when a message is waiting; a timeout reports nothing")
    func readableOnlyWithMessage() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let idle = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))
        _ = try bindLoopback(idle)

        let poller = ZMQPoller()
        let busyItem = poller.register(pull)
        let idleItem = poller.register(idle)
        #expect(poller.count == 2)

        #expect(try poller.poll(timeoutMilliseconds: 20) == 0)
        #expect(!poller.isReadable(busyItem))
        #expect(poller.events(at: idleItem).isEmpty)

        try push.send("ready")
        #expect(try poller.poll(timeoutMilliseconds: Int(patience)) == 1)
        #expect(poller.isReadable(busyItem))
        #expect(!poller.isReadable(idleItem))
        #expect(try pull.events.contains(.readable))

        #expect(try pull.receive() == [UInt8]("ready"))
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        #expect(try !pull.events.contains(.readable))
    }

    @Test("Writable is reported for a connected PUSH")
    func writable() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))
        let poller = ZMQPoller()
        let item = poller.register(push, for: [.writable])
        #expect(try poller.poll(timeoutMilliseconds: Int(patience)) == 1)
        #expect(poller.isWritable(item))
    }

    @Test("Polling a socket closed after registration fails with notSocket")
    func closedSocket() throws {
        let context = try ZMQContext()
        let pull = try context.socket(.pull)
        let poller = ZMQPoller()
        poller.register(pull)
        pull.close()
        let error = #expect(throws: ZMQError.self) { try poller.poll(timeoutMilliseconds: 0) }
        #expect(error?.code == .notSocket)
    }

    @Test("A plain file descriptor is polled next to sockets")
    func fileDescriptor() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let poller = ZMQPoller()
        let item = poller.register(fileDescriptor: fds[0])
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        var byte: UInt8 = 42
        #expect(write(fds[1], &byte, 1) == 1)
        #expect(try poller.poll(timeoutMilliseconds: Int(patience)) == 1)
        #expect(poller.isReadable(item))
    }
}
