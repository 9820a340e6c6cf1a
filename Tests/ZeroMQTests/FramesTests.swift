import Testing
import ZeroMQ

@Suite("Frames: zero-copy forwarding, capacity and truncation")
struct FramesTests {
    @Test("Frames received on one socket are forwarded intact, and the container is reused")
    func zeroCopyForwarding() throws {
        let context = try ZMQContext()
        let inbound = try makeSocket(context, .pull)
        let upstream = try makeSocket(context, .push)
        try upstream.connect(try bindLoopback(inbound))
        let outbound = try makeSocket(context, .push)
        let downstream = try makeSocket(context, .pull)
        try outbound.connect(try bindLoopback(downstream))

        let frames = ZMQFrames(capacity: 4)
        for round in 0..<3 {
            let parts: [[UInt8]] = [
                [UInt8]("round \(round)"), [], [UInt8](repeating: UInt8(round), count: 100_000), [UInt8]("党校"),
            ]
            try upstream.sendMultipart(parts)
            #expect(try inbound.receiveMultipart(into: frames))
            #expect(frames.count == 4)
            #expect(frames.byteCount(2) == 100_000)
            #expect(try outbound.send(frames: frames))
            #expect(try downstream.receiveMultipart() == parts)
        }
    }

    @Test("Fresh prefix frames followed by forwarded frames make one message")
    func prefixThenForwarded() throws {
        let context = try ZMQContext()
        let inbound = try makeSocket(context, .pull)
        let upstream = try makeSocket(context, .push)
        try upstream.connect(try bindLoopback(inbound))
        let outbound = try makeSocket(context, .push)
        let downstream = try makeSocket(context, .pull)
        try outbound.connect(try bindLoopback(downstream))

        try upstream.sendMultipart([[UInt8]("old-id"), [UInt8]("old-control"), [UInt8]("a"), [UInt8]("b")])
        let frames = ZMQFrames()
        #expect(try inbound.receiveMultipart(into: frames))
        try outbound.send([UInt8]("new-id"), more: true)
        try outbound.send([0x02], more: true)
        #expect(try outbound.send(frames: frames, from: 2))
        #expect(try downstream.receiveMultipart() == [[UInt8]("new-id"), [0x02], [UInt8]("a"), [UInt8]("b")])

        // A range in the middle, closing the message with a fresh trailer.
        try upstream.sendMultipart([[UInt8]("x"), [UInt8]("y"), [UInt8]("z")])
        #expect(try inbound.receiveMultipart(into: frames))
        #expect(try outbound.send(frames: frames, range: 1..<2, more: true))
        try outbound.send("trailer")
        #expect(try downstream.receiveMultipart() == [[UInt8]("y"), [UInt8]("trailer")])
    }

    @Test("More parts than capacity is a typed error and the next message is still read correctly")
    func tooManyFramesKeepsStreamInSync() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))

        try push.sendMultipart((1...5).map { [UInt8]("part \($0)") })
        try push.sendMultipart([[UInt8]("next"), [UInt8]("message")])

        let frames = ZMQFrames(capacity: 2)
        let error = #expect(throws: ZMQError.self) { try pull.receiveMultipart(into: frames) }
        #expect(error?.code == .tooManyFrames)
        #expect(error?.description.contains("5 frames") == true)
        #expect(frames.count == 0)

        #expect(try pull.receiveMultipart(into: frames))
        #expect(frames.count == 2)
        #expect(frames.bytes(0) == [UInt8]("next"))
        #expect(frames.bytes(1) == [UInt8]("message"))
    }

    @Test("A frame larger than the caller's buffer is a typed truncation error")
    func truncation() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let push = try makeSocket(context, .push)
        try push.connect(try bindLoopback(pull))

        try push.send([UInt8]("0123456789"))
        try push.send([UInt8]("fits"))
        var buffer = [UInt8](repeating: 0, count: 4)
        let error = #expect(throws: ZMQError.self) {
            try buffer.withUnsafeMutableBytes { try pull.receive(into: $0) }
        }
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("10 bytes") == true)

        let size = try buffer.withUnsafeMutableBytes { try pull.receive(into: $0) }
        #expect(size == 4)
        #expect(buffer == [UInt8]("fits"))
    }
}
