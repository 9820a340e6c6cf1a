import Testing
import ZeroMQ

@Suite("Messages arrive whole and byte-exact")
struct MessagingTests {
    /// An empty frame, a 1 MiB frame and UTF-8 Chinese text: the shapes that break naive bindings.
    static let awkwardParts: [[UInt8]] = [
        [],
        (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) },
        [UInt8]("中山市委党校"),
    ]

    @Test("PUSH to PULL delivers a multipart message unchanged")
    func pushPullMultipart() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))

        #expect(try push.sendMultipart(Self.awkwardParts))
        let received = try #require(try pull.receiveMultipart())
        #expect(received == Self.awkwardParts)
    }

    @Test("PUSH to PULL single frames: bytes, String and a ZMQMessage")
    func singleFrames() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))

        try push.send([1, 2, 3])
        try push.send("中山市委党校")
        var outgoing = try ZMQMessage(copying: [9, 8, 7, 6])
        #expect(try push.send(&outgoing))
        // (#expect cannot look into a ~Copyable value, so its properties are read first.)
        let leftOver = outgoing.count
        #expect(leftOver == 0, "libzmq took the content")

        #expect(try pull.receive() == [1, 2, 3])
        #expect(try pull.receive() == [UInt8]("中山市委党校"))
        var incoming = ZMQMessage()
        #expect(try pull.receive(into: &incoming))
        let (bytes, more) = (incoming.bytes, incoming.hasMore)
        #expect(bytes == [9, 8, 7, 6])
        #expect(!more)
    }

    @Test("A ZMQMessage is reused across receives and reports hasMore")
    func messageReuse() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))
        try push.sendMultipart([[UInt8]("first"), [UInt8]("second")])

        var message = ZMQMessage()
        #expect(try pull.receive(into: &message))
        let (first, firstHasMore) = (message.bytes, message.hasMore)
        #expect(first == [UInt8]("first"))
        #expect(firstHasMore)
        #expect(try pull.receive(into: &message))
        let (second, secondHasMore) = (message.withUnsafeBytes { Array($0) }, message.hasMore)
        #expect(second == [UInt8]("second"))
        #expect(!secondHasMore)
    }

    @Test("DEALER to ROUTER and back, the ROUTER echoing without copying")
    func dealerRouterRoundTrip() throws {
        let context = try ZMQContext()
        let router = try makeSocket(context, .router)
        let dealer = try makeSocket(context, .dealer)
        try dealer.set(.routingID, [UInt8]("学员-1"))
        try dealer.connect(try bindLoopback(router))

        #expect(try dealer.sendMultipart(Self.awkwardParts))
        let frames = ZMQFrames()
        #expect(try router.receiveMultipart(into: frames))
        #expect(frames.count == 1 + Self.awkwardParts.count)
        #expect(frames.bytes(0) == [UInt8]("学员-1"))
        for (index, part) in Self.awkwardParts.enumerated() {
            #expect(frames.bytes(index + 1) == part)
        }

        // Reply: the identity frame is copied fresh, the payload frames are forwarded as received.
        try router.send([UInt8]("学员-1"), more: true)
        #expect(try router.send(frames: frames, from: 1))
        let reply = try #require(try dealer.receiveMultipart())
        #expect(reply == Self.awkwardParts)
    }
}
