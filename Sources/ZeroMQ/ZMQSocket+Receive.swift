import CZeroMQ

// Every receive returns `nil`/`false` when no message was there: with `dontWait`, or when
// `.receiveTimeout` elapsed. It throws `ZMQError` for real failures (`.terminated` after
// `ZMQContext.shutdown()`, which is how a loop blocked here is stopped). Blocking receives sleep in
// libzmq; nothing here spins.
extension ZMQSocket {
    /// Receives one frame into `buffer` and returns its size, or `nil` if none arrived.
    ///
    /// A frame larger than `buffer` throws `.truncated`: libzmq has consumed the whole frame and
    /// kept only `buffer.count` bytes. The socket stays in step (check `hasMore` for further frames
    /// of the same message).
    public func receive(into buffer: UnsafeMutableRawBufferPointer, dontWait: Bool = false) throws(ZMQError) -> Int? {
        let handle = try requireHandle("zmq_recv")
        let flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        guard let size = try zmqCall("zmq_recv", wouldBlock: .reported, {
            zmq_recv(handle, buffer.baseAddress, buffer.count, flags)
        }) else { return nil }
        // zmq_recv returns the frame's full size, which may exceed what it copied.
        guard Int(size) <= buffer.count else {
            throw ZMQError(
                code: .truncated, errno: Errno.messageSize,
                message: "frame of \(size) bytes does not fit a \(buffer.count)-byte buffer", operation: "zmq_recv")
        }
        return Int(size)
    }

    /// Receives one frame into `message` without copying (its previous content is released).
    /// Returns `false` if none arrived; `message.hasMore` tells whether the message continues.
    public func receive(into message: inout ZMQMessage, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try requireHandle("zmq_msg_recv")
        let flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        let pointer = message.pointer
        return try zmqCall("zmq_msg_recv", wouldBlock: .reported) { zmq_msg_recv(pointer, handle, flags) } != nil
    }

    /// Receives one frame as a new array (a copy; prefer `receive(into:)` on hot paths).
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [UInt8]? {
        var message = ZMQMessage()
        guard try receive(into: &message, dontWait: dontWait) else { return nil }
        return message.bytes
    }

    /// Receives a whole multipart message into `frames`, replacing what it held.
    ///
    /// Returns `false` if no message arrived. A message with more than `frames.capacity` parts is
    /// read to its end, discarded, and reported as `.tooManyFrames` (with `frames.count == 0`), so
    /// the next receive starts at the next message.
    public func receiveMultipart(into frames: ZMQFrames, dontWait: Bool = false) throws(ZMQError) -> Bool {
        frames.count = 0
        let handle = try requireHandle("zmq_msg_recv")
        let first = frames.slot(0)
        let flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        guard try zmqCall("zmq_msg_recv", wouldBlock: .reported, { zmq_msg_recv(first, handle, flags) }) != nil else {
            return false
        }
        var received = 1
        var more = zmq_msg_more(first) != 0
        // libzmq delivers multipart messages atomically: once the first frame is here the rest are,
        // so these receives never wait and would-block would be a broken invariant.
        while more && received < frames.capacity {
            let slot = frames.slot(received)
            _ = try zmqCall("zmq_msg_recv") { zmq_msg_recv(slot, handle, 0) }
            received += 1
            more = zmq_msg_more(slot) != 0
        }
        guard more else {
            frames.count = received
            return true
        }
        let scratch = frames.scratch
        var total = received
        while more {
            _ = try zmqCall("zmq_msg_recv") { zmq_msg_recv(scratch, handle, 0) }
            total += 1
            more = zmq_msg_more(scratch) != 0
        }
        throw ZMQError(
            code: .tooManyFrames, errno: Errno.messageSize,
            message: "message of \(total) frames exceeds capacity \(frames.capacity); discarded",
            operation: "receiveMultipart")
    }

    /// Receives a whole multipart message as arrays (copies; for tests and cold paths).
    public func receiveMultipart(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        var message = ZMQMessage()
        guard try receive(into: &message, dontWait: dontWait) else { return nil }
        var parts = [message.bytes]
        while message.hasMore {
            _ = try receiveRest(into: &message)
            parts.append(message.bytes)
        }
        return parts
    }

    private func receiveRest(into message: inout ZMQMessage) throws(ZMQError) {
        let handle = try requireHandle("zmq_msg_recv")
        let pointer = message.pointer
        _ = try zmqCall("zmq_msg_recv") { zmq_msg_recv(pointer, handle, 0) }
    }
}
