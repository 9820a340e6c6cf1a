/// A growable output buffer that is reused across messages: after the first few messages it has
/// the capacity it needs and encoding allocates nothing.
///
/// `~Copyable` because it owns raw memory: a copy would double-free, and uniqueness checks (as an
/// `Array` would do on every append) cost instructions on the hot path.
public struct WireWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutableRawPointer
    @usableFromInline var capacity: Int
    @usableFromInline var used: Int

    /// Bytes written so far.
    @inlinable public var count: Int { used }
    /// The first limit broken while writing, reported by the top-level `encode` (one check per
    /// message instead of a throw per field).
    @usableFromInline var violation: WireError?

    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 64)
        self.base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        self.used = 0
        self.violation = nil
    }

    deinit { base.deallocate() }

    /// Forgets the content, keeps the capacity.
    @inlinable public mutating func reset() {
        used = 0
        violation = nil
    }

    /// The bytes written so far, valid only inside `body`.
    @inlinable public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: base, count: used))
    }

    @inlinable mutating func reserve(_ n: Int) {
        if capacity &- used < n { grow(n) }
    }

    @usableFromInline @inline(never) mutating func grow(_ n: Int) {
        var newCapacity = capacity &* 2
        while newCapacity &- used < n { newCapacity &*= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: used)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable mutating func noteViolation(_ code: WireError.Code, detail: String) {
        if violation == nil { violation = WireError(code, at: used, detail: detail) }
    }
}

// MARK: - Scalars

extension WireWriter {
    @inlinable public mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
        used &+= 1
    }

    /// LEB128: seven bits a byte, least significant group first, high bit set on all but the last.
    @inlinable public mutating func writeVarint(_ value: UInt64) {
        reserve(10)
        var v = value
        var p = used
        while v >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: p, as: UInt8.self)
            v &>>= 7
            p &+= 1
        }
        base.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: p, as: UInt8.self)
        used = p &+ 1
    }

    /// Zigzag maps small magnitudes of either sign to small unsigned values (0, -1, 1, -2 → 0, 1, 2, 3).
    @inlinable public mutating func writeSigned(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value &<< 1) ^ (value &>> 63)))
    }

    @inlinable public mutating func writeBool(_ value: Bool) {
        writeByte(value ? 1 : 0)
    }

    /// Eight bytes, little-endian.
    @inlinable public mutating func writeFixed64(_ value: UInt64) {
        reserve(8)
        base.storeBytes(of: value.littleEndian, toByteOffset: used, as: UInt64.self)
        used &+= 8
    }

    @inlinable public mutating func writeDouble(_ value: Double) {
        writeFixed64(value.bitPattern)
    }

    @inlinable public mutating func writeTimestamp(_ value: WireTimestamp) {
        writeFixed64(UInt64(bitPattern: value.microsecondsSinceEpoch))
    }

    /// Sixteen bytes in RFC 9562 order (the order of the hex digits in the text form).
    @inlinable public mutating func writeUUID(_ value: WireUUID) {
        reserve(16)
        base.storeBytes(of: value.high.bigEndian, toByteOffset: used, as: UInt64.self)
        base.storeBytes(of: value.low.bigEndian, toByteOffset: used &+ 8, as: UInt64.self)
        used &+= 16
    }
}

// MARK: - Variable length

extension WireWriter {
    /// A varint byte length, then the bytes.
    @inlinable public mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        writeVarint(UInt64(bytes.count))
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + used).copyMemory(from: source, byteCount: bytes.count)
        used &+= bytes.count
    }

    @inlinable public mutating func writeString(_ value: String) {
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            writeStringBytes(UnsafeRawBufferPointer(utf8))
        }
        if written == nil {
            // Bridged or lazily built strings: copy once into contiguous storage.
            var copy = value
            copy.withUTF8 { writeStringBytes(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes already-valid UTF-8 (for example a `WireString` taken from a view).
    @inlinable public mutating func writeStringBytes(_ utf8: UnsafeRawBufferPointer) {
        if utf8.count > WireLimits.maxStringBytes {
            noteViolation(.stringTooLong, detail: "\(utf8.count) > \(WireLimits.maxStringBytes)")
        }
        writeRaw(utf8)
    }

    @inlinable public mutating func writeBytes(_ value: [UInt8]) {
        if value.count > WireLimits.maxBytesLength {
            noteViolation(.bytesTooLong, detail: "\(value.count) > \(WireLimits.maxBytesLength)")
        }
        value.withUnsafeBytes { writeRaw($0) }
    }

    @inlinable public mutating func writeListCount(_ n: Int) {
        if n > WireLimits.maxListCount {
            noteViolation(.listTooLong, detail: "\(n) > \(WireLimits.maxListCount)")
        }
        writeVarint(UInt64(n))
    }

    /// Writes a length-prefixed region: `body` writes the content, then the length is filled in.
    ///
    /// One byte is reserved for the length; a body of 128 bytes or more is moved right by the extra
    /// varint bytes (a single `memmove`, cheaper than computing every size twice).
    @inlinable public mutating func writeLengthPrefixed(_ body: (inout WireWriter) -> Void) {
        writeByte(0)
        let start = used
        body(&self)
        let length = used &- start
        if length < 0x80 {
            base.storeBytes(of: UInt8(length), toByteOffset: start &- 1, as: UInt8.self)
            return
        }
        var lengthBytes = 1
        var v = length &>> 7
        while v > 0 { lengthBytes &+= 1; v &>>= 7 }
        reserve(lengthBytes &- 1)
        (base + (start &+ lengthBytes &- 1)).copyMemory(from: base + start, byteCount: length)
        used = start &- 1
        writeVarint(UInt64(length))
        used &+= length
    }
}

// MARK: - Messages

extension WireWriter {
    /// Writes a nested struct as a length-prefixed field region.
    @inlinable public mutating func writeStruct<S: WireStruct>(_ value: S) {
        writeLengthPrefixed { value.encodeFields(into: &$0) }
    }

    /// Appends one complete message: header (type id), length-prefixed body.
    /// Throws if a limit was broken while writing; the writer is then reset to where it was.
    @inlinable public mutating func write<M: WireMessage>(_ message: M) throws(WireError) {
        let start = used
        reserve(2)
        base.storeBytes(of: M.typeID.littleEndian, toByteOffset: used, as: UInt16.self)
        used &+= 2
        writeStruct(message)
        if let violation {
            used = start
            self.violation = nil
            throw violation.within(M.typeName, field: nil)
        }
        if count &- start > WireLimits.maxMessageBytes {
            let size = used &- start
            used = start
            throw WireError(.messageTooLarge, at: 0, detail: "\(size) > \(WireLimits.maxMessageBytes)")
                .within(M.typeName, field: nil)
        }
    }
}
