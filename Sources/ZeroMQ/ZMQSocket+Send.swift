import CZeroMQ

// Every send returns `false` when the frame could not be queued without blocking: with `dontWait`,
// or when `.sendTimeout` elapsed. It throws `ZMQError` for real failures (`.terminated` after
// `ZMQContext.shutdown()`, `.hostUnreachable` from a ROUTER with `.routerMandatory`, …).
//
// In a multipart send, `dontWait` applies to the first frame only: once libzmq has accepted the
// first frame of a message it accepts the rest without blocking (its high-water mark counts whole
// messages), so a message is never left half-sent by a would-block.
extension ZMQSocket {
    static func sendFlags(more: Bool, dontWait: Bool) -> Int32 {
        (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
    }

    /// Sends one frame holding a copy of `bytes`; `more: true` says further frames of the message follow.
    @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer, more: Bool = false, dontWait: Bool = false) throws(ZMQError)
        -> Bool
    {
        let handle = try requireHandle("zmq_send")
        let flags = Self.sendFlags(more: more, dontWait: dontWait)
        return try zmqCall("zmq_send \(bytes.count) bytes", wouldBlock: .reported) {
            zmq_send(handle, bytes.baseAddress, bytes.count, flags)
        } != nil
    }

    /// Sends one frame holding a copy of `bytes`.
    @discardableResult
    public func send(_ bytes: [UInt8], more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try requireHandle("zmq_send")
        let flags = Self.sendFlags(more: more, dontWait: dontWait)
        return try zmqCall("zmq_send \(bytes.count) bytes", wouldBlock: .reported) {
            bytes.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        } != nil
    }

    /// Sends one frame holding the UTF-8 bytes of `string`.
    @discardableResult
    public func send(_ string: String, more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try requireHandle("zmq_send")
        let flags = Self.sendFlags(more: more, dontWait: dontWait)
        var string = string
        return try zmqCall("zmq_send \(string.utf8.count) bytes", wouldBlock: .reported) {
            string.withUTF8 { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        } != nil
    }

    /// Sends `message` without copying: libzmq takes its content and `message` is left empty,
    /// ready for reuse. On would-block or error `message` keeps its content.
    @discardableResult
    public func send(_ message: inout ZMQMessage, more: Bool = false, dontWait: Bool = false) throws(ZMQError)
        -> Bool
    {
        let handle = try requireHandle("zmq_msg_send")
        let flags = Self.sendFlags(more: more, dontWait: dontWait)
        let pointer = message.pointer
        return try zmqCall("zmq_msg_send", wouldBlock: .reported) { zmq_msg_send(pointer, handle, flags) } != nil
    }

    /// Sends `parts` as one multipart message (copying each part).
    @discardableResult
    public func sendMultipart(_ parts: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        guard !parts.isEmpty else { throw Self.noFrames("sendMultipart") }
        for (index, part) in parts.enumerated() {
            let more = index < parts.count - 1
            if index == 0 {
                guard try send(part, more: more, dontWait: dontWait) else { return false }
            } else {
                try sendRest(part, more: more)
            }
        }
        return true
    }

    /// Forwards frames `start..<frames.count` of a received message without copying their payloads.
    ///
    /// libzmq takes each frame's content, so the forwarded frames are empty afterwards; `frames`
    /// stays ready for the next `receiveMultipart(into:)`. To put fresh frames in front (a ROUTER
    /// reply's identity, a control frame), send them first with `more: true` and pass
    /// `dontWait: false` here. `more: true` keeps the message open for frames sent after these.
    @discardableResult
    public func send(frames: ZMQFrames, from start: Int = 0, more: Bool = false, dontWait: Bool = false)
        throws(ZMQError) -> Bool
    {
        try send(frames: frames, range: start..<max(start, frames.count), more: more, dontWait: dontWait)
    }

    /// Forwards the frames in `range` of a received message without copying; see `send(frames:from:)`.
    ///
    /// If a frame after the first fails (only `.terminated` in practice), the frames before it were
    /// already handed to libzmq and are empty; the socket should then be closed.
    @discardableResult
    public func send(frames: ZMQFrames, range: Range<Int>, more: Bool = false, dontWait: Bool = false)
        throws(ZMQError) -> Bool
    {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= frames.count, "frames \(range) out of 0..<\(frames.count)")
        guard !range.isEmpty else { throw Self.noFrames("send(frames:)") }
        let handle = try requireHandle("zmq_msg_send")
        for index in range {
            let slot = frames.slot(index)
            let isLast = index == range.upperBound - 1
            let frameMore = !isLast || more
            if index == range.lowerBound {
                let flags = Self.sendFlags(more: frameMore, dontWait: dontWait)
                guard try zmqCall("zmq_msg_send", wouldBlock: .reported, { zmq_msg_send(slot, handle, flags) }) != nil
                else { return false }
            } else {
                let flags = Self.sendFlags(more: frameMore, dontWait: false)
                _ = try zmqCall("zmq_msg_send") { zmq_msg_send(slot, handle, flags) }
            }
        }
        return true
    }

    /// A later frame of a message whose first frame was accepted: libzmq does not block here, so
    /// would-block would be a broken invariant and is reported as an error.
    private func sendRest(_ bytes: [UInt8], more: Bool) throws(ZMQError) {
        let handle = try requireHandle("zmq_send")
        let flags = Self.sendFlags(more: more, dontWait: false)
        _ = try zmqCall("zmq_send \(bytes.count) bytes") {
            bytes.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        }
    }

    private static func noFrames(_ operation: String, fileID: String = #fileID, line: Int = #line) -> ZMQError {
        ZMQError(
            code: .invalidArgument, errno: Errno.invalidArgument,
            message: "a message needs at least one frame", operation: operation, fileID: fileID, line: line)
    }
}
