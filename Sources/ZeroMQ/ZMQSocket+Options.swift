import CZeroMQ

extension ZMQSocket {
    /// Sets an `int` option.
    public func set(_ option: ZMQSocketOption<Int32>, _ value: Int32) throws(ZMQError) {
        var value = value
        try setRaw(option.rawValue, option.name, &value, MemoryLayout<Int32>.size)
    }

    /// Sets an `int64_t` option.
    public func set(_ option: ZMQSocketOption<Int64>, _ value: Int64) throws(ZMQError) {
        var value = value
        try setRaw(option.rawValue, option.name, &value, MemoryLayout<Int64>.size)
    }

    /// Sets a boolean option (passed to libzmq as `int` 0 or 1).
    public func set(_ option: ZMQSocketOption<Bool>, _ value: Bool) throws(ZMQError) {
        var value: Int32 = value ? 1 : 0
        try setRaw(option.rawValue, option.name, &value, MemoryLayout<Int32>.size)
    }

    /// Sets a binary option.
    public func set(_ option: ZMQSocketOption<[UInt8]>, _ value: [UInt8]) throws(ZMQError) {
        try setBytes(option.rawValue, option.name, value)
    }

    /// Sets a string option (its UTF-8 bytes, without a terminating NUL).
    public func set(_ option: ZMQSocketOption<String>, _ value: String) throws(ZMQError) {
        try setBytes(option.rawValue, option.name, Array(value.utf8))
    }

    /// Sets a CURVE key (passed as its 32 binary bytes).
    public func set(_ option: ZMQSocketOption<ZMQCurveKey>, _ value: ZMQCurveKey) throws(ZMQError) {
        try setBytes(option.rawValue, option.name, value.bytes)
    }

    /// Reads an `int` option.
    public func get(_ option: ZMQSocketOption<Int32>) throws(ZMQError) -> Int32 {
        var value: Int32 = 0
        _ = try getRaw(option.rawValue, option.name, &value, MemoryLayout<Int32>.size)
        return value
    }

    /// Reads an `int64_t` option.
    public func get(_ option: ZMQSocketOption<Int64>) throws(ZMQError) -> Int64 {
        var value: Int64 = 0
        _ = try getRaw(option.rawValue, option.name, &value, MemoryLayout<Int64>.size)
        return value
    }

    /// Reads a boolean option.
    public func get(_ option: ZMQSocketOption<Bool>) throws(ZMQError) -> Bool {
        var value: Int32 = 0
        _ = try getRaw(option.rawValue, option.name, &value, MemoryLayout<Int32>.size)
        return value != 0
    }

    /// Reads a binary option (at most 255 bytes, the longest libzmq allows for these).
    public func get(_ option: ZMQSocketOption<[UInt8]>) throws(ZMQError) -> [UInt8] {
        try getBytes(option.rawValue, option.name, capacity: 256)
    }

    /// Reads a string option.
    public func get(_ option: ZMQSocketOption<String>) throws(ZMQError) -> String {
        var bytes = try getBytes(option.rawValue, option.name, capacity: 1024)
        // libzmq counts the terminating NUL in the returned size.
        if bytes.last == 0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a CURVE key.
    public func get(_ option: ZMQSocketOption<ZMQCurveKey>) throws(ZMQError) -> ZMQCurveKey {
        let bytes = try getBytes(option.rawValue, option.name, capacity: ZMQCurveKey.byteCount)
        return try ZMQCurveKey(bytes: bytes)
    }

    /// Receives PUB messages whose first frame starts with `prefix` (an empty prefix matches all). SUB/XSUB.
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_SUBSCRIBE, "ZMQ_SUBSCRIBE", prefix)
    }

    /// Receives PUB messages whose first frame starts with the UTF-8 bytes of `prefix`.
    public func subscribe(_ prefix: String = "") throws(ZMQError) {
        try subscribe(Array(prefix.utf8))
    }

    /// Removes one earlier `subscribe` of the same prefix.
    public func unsubscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_UNSUBSCRIBE, "ZMQ_UNSUBSCRIBE", prefix)
    }

    /// Removes one earlier `subscribe` of the same prefix.
    public func unsubscribe(_ prefix: String) throws(ZMQError) {
        try unsubscribe(Array(prefix.utf8))
    }

    /// Whether a message can be received or sent right now without blocking (ZMQ_EVENTS).
    ///
    /// Edge-triggered in libzmq's sense: read it after each receive/send rather than caching it.
    public var events: ZMQEvents {
        get throws(ZMQError) {
            var value: Int32 = 0
            _ = try getRaw(ZMQ_EVENTS, "ZMQ_EVENTS", &value, MemoryLayout<Int32>.size)
            return ZMQEvents(rawValue: Int16(truncatingIfNeeded: value))
        }
    }

    /// Whether the frame last received is followed by more frames of the same message (ZMQ_RCVMORE).
    public var hasMore: Bool {
        get throws(ZMQError) {
            var value: Int32 = 0
            _ = try getRaw(ZMQ_RCVMORE, "ZMQ_RCVMORE", &value, MemoryLayout<Int32>.size)
            return value != 0
        }
    }

    // MARK: - The two calls every option goes through

    private func setRaw(_ name: Int32, _ label: String, _ value: UnsafeRawPointer?, _ size: Int) throws(ZMQError) {
        let handle = try requireHandle("zmq_setsockopt \(label)")
        _ = try zmqCall("zmq_setsockopt \(label)") { zmq_setsockopt(handle, name, value, size) }
    }

    private func setBytes(_ name: Int32, _ label: String, _ bytes: [UInt8]) throws(ZMQError) {
        let handle = try requireHandle("zmq_setsockopt \(label)")
        _ = try zmqCall("zmq_setsockopt \(label)") {
            bytes.withUnsafeBytes { zmq_setsockopt(handle, name, $0.baseAddress, $0.count) }
        }
    }

    /// Returns the size libzmq wrote.
    private func getRaw(_ name: Int32, _ label: String, _ value: UnsafeMutableRawPointer, _ size: Int)
        throws(ZMQError) -> Int
    {
        let handle = try requireHandle("zmq_getsockopt \(label)")
        var size = size
        _ = try zmqCall("zmq_getsockopt \(label)") { zmq_getsockopt(handle, name, value, &size) }
        return size
    }

    private func getBytes(_ name: Int32, _ label: String, capacity: Int) throws(ZMQError) -> [UInt8] {
        let handle = try requireHandle("zmq_getsockopt \(label)")
        var bytes = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        _ = try zmqCall("zmq_getsockopt \(label)") {
            bytes.withUnsafeMutableBytes { zmq_getsockopt(handle, name, $0.baseAddress, &size) }
        }
        bytes.removeSubrange(min(size, capacity)...)
        return bytes
    }
}
