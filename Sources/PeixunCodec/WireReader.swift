/// Reads a message with every bound checked. Works on borrowed bytes: nothing is copied unless a
/// caller asks for an owned `String` or `[UInt8]`.
///
/// `end` is the end of the struct being read (not of the whole buffer): fields of an outer struct
/// are never read as part of an inner one.
public struct WireReader {
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline let total: Int
    @usableFromInline var position: Int
    @usableFromInline var end: Int
    @usableFromInline var depth: Int

    /// `bytes` must stay alive and unchanged while the reader, and any view read from it, is used.
    @inlinable public init(_ bytes: UnsafeRawBufferPointer) {
        // A zero-length buffer may have no base address; any non-null pointer will do for it.
        self.base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 0x10)!
        self.total = bytes.count
        self.position = 0
        self.end = bytes.count
        self.depth = 0
    }

    /// No more fields in the current struct: the rest take their zero values.
    @inlinable public var isAtEnd: Bool { position >= end }

    /// Byte offset of the next value.
    @inlinable public var offset: Int { position }

    @inlinable var remaining: Int { end &- position }

    @inlinable func fail(_ code: WireError.Code, detail: String = "") -> WireError {
        WireError(code, at: position, detail: detail)
    }
}

// MARK: - Scalars

extension WireReader {
    @inlinable @inline(__always) public mutating func readByte() throws(WireError) -> UInt8 {
        guard position < end else { throw fail(.truncated) }
        let byte = base.load(fromByteOffset: position, as: UInt8.self)
        position &+= 1
        return byte
    }

    @inlinable @inline(__always) public mutating func readVarint() throws(WireError) -> UInt64 {
        guard position < end else { throw fail(.truncated) }
        let first = base.load(fromByteOffset: position, as: UInt8.self)
        if first < 0x80 {
            position &+= 1
            return UInt64(first)
        }
        // Two bytes inline too (128 to 16,383: body lengths, counts, years, timeouts, type ids); a
        // zero last byte is not minimal and is left to the slow path to reject.
        if position &+ 1 < end {
            let second = base.load(fromByteOffset: position &+ 1, as: UInt8.self)
            if second < 0x80 && second != 0 {
                position &+= 2
                return UInt64(first & 0x7F) | UInt64(second) &<< 7
            }
        }
        return try readVarintSlow()
    }

    @usableFromInline mutating func readVarintSlow() throws(WireError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = position
        while true {
            guard p < end else { throw fail(.truncated) }
            let byte = base.load(fromByteOffset: p, as: UInt8.self)
            p &+= 1
            if shift == 63 && byte > 1 { throw fail(.integerOverflow, detail: "varint over 64 bits") }
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 {
                if byte == 0 { throw fail(.nonMinimalVarint) }
                position = p
                return result
            }
            shift &+= 7
        }
    }

    // Inlined into every integer field (a call per field was a large share of small messages'
    // decode); the error's text is built out of line.
    @inlinable @inline(__always) public mutating func readUnsigned<T: FixedWidthInteger & UnsignedInteger>(
        _: T.Type
    ) throws(WireError) -> T {
        let start = position
        let value = try readVarint()
        guard let narrowed = T(exactly: value) else {
            throw WireReader.overflow(value, bits: T.bitWidth, at: start)
        }
        return narrowed
    }

    @usableFromInline @inline(never) static func overflow(_ value: UInt64, bits: Int, at start: Int) -> WireError {
        WireError(.integerOverflow, at: start, detail: "\(value) does not fit \(bits) bits")
    }

    @inlinable public mutating func readSigned<T: FixedWidthInteger & SignedInteger>(
        _: T.Type
    ) throws(WireError) -> T {
        let start = position
        let raw = try readVarint()
        let value = Int64(bitPattern: (raw &>> 1) ^ (0 &- (raw & 1)))
        guard let narrowed = T(exactly: value) else {
            throw WireError(.integerOverflow, at: start, detail: "\(value) does not fit \(T.bitWidth) bits")
        }
        return narrowed
    }

    @inlinable public mutating func readBool() throws(WireError) -> Bool {
        let byte = try readByte()
        guard byte <= 1 else { throw WireError(.invalidBool, at: position &- 1, detail: "byte \(byte)") }
        return byte == 1
    }

    @inlinable @inline(__always) public mutating func readFixed64() throws(WireError) -> UInt64 {
        guard remaining >= 8 else { throw fail(.truncated) }
        let value = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position &+= 8
        return UInt64(littleEndian: value)
    }

    @inlinable public mutating func readDouble() throws(WireError) -> Double {
        Double(bitPattern: try readFixed64())
    }

    @inlinable public mutating func readTimestamp() throws(WireError) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: Int64(bitPattern: try readFixed64()))
    }

    @inlinable @inline(__always) public mutating func readUUID() throws(WireError) -> WireUUID {
        guard remaining >= 16 else { throw fail(.truncated) }
        let high = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        let low = base.loadUnaligned(fromByteOffset: position &+ 8, as: UInt64.self)
        position &+= 16
        return WireUUID(high: UInt64(bigEndian: high), low: UInt64(bigEndian: low))
    }

    /// An optional's presence byte: 0 absent, 1 present.
    @inlinable public mutating func readPresence() throws(WireError) -> Bool {
        let byte = try readByte()
        guard byte <= 1 else {
            throw WireError(.invalidOptionalTag, at: position &- 1, detail: "byte \(byte)")
        }
        return byte == 1
    }

    /// An enum's raw value, mapped by `make`; `nil` from `make` means a value the schema lacks.
    @inlinable public mutating func readEnum<E>(_ make: (UInt32) -> E?) throws(WireError) -> E {
        let start = position
        let raw: UInt32 = try readUnsigned(UInt32.self)
        guard let value = make(raw) else {
            throw WireError(.unknownEnumValue, at: start, detail: "value \(raw)")
        }
        return value
    }
}

// MARK: - Variable length

extension WireReader {
    /// A length-prefixed run of bytes, bounds-checked, not copied. Inlined into every string and
    /// bytes field; the error's text is built out of line.
    @inlinable @inline(__always) mutating func readRegion(limit: Int, code: WireError.Code) throws(WireError) -> UnsafeRawBufferPointer {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(limit) else { throw WireReader.tooLong(code, length, limit: limit, at: start) }
        guard length <= UInt64(remaining) else { throw WireError(.truncated, at: start) }
        let region = UnsafeRawBufferPointer(start: base + position, count: Int(length))
        position &+= Int(length)
        return region
    }

    /// A string, bounds-checked, neither copied nor UTF-8-checked (that happens when its
    /// `string` is read).
    @inlinable @inline(__always) public mutating func readStringView() throws(WireError) -> WireString {
        let start = position
        return WireString(try readRegion(limit: WireLimits.maxStringBytes, code: .stringTooLong), offset: start)
    }

    /// A string, checked and copied.
    @inlinable public mutating func readString() throws(WireError) -> String {
        let start = position
        return try WireString.decode(try readRegion(limit: WireLimits.maxStringBytes, code: .stringTooLong), at: start)
    }

    @inlinable @inline(__always) public mutating func readBytesView() throws(WireError) -> WireBytes {
        WireBytes(try readRegion(limit: WireLimits.maxBytesLength, code: .bytesTooLong))
    }

    @inlinable public mutating func readBytes() throws(WireError) -> [UInt8] {
        [UInt8](try readBytesView().bytes)
    }

    @usableFromInline @inline(never) static func tooLong(_ code: WireError.Code, _ length: UInt64, limit: Int, at start: Int) -> WireError {
        WireError(code, at: start, detail: "\(length) > \(limit)")
    }

    /// A list's element count. Every element takes at least one byte, so a count above the bytes
    /// left is rejected before anything is allocated for it.
    @inlinable public mutating func readListCount() throws(WireError) -> Int {
        let start = position
        let count = try readVarint()
        guard count <= UInt64(WireLimits.maxListCount) else {
            throw WireError(.listTooLong, at: start, detail: "\(count) > \(WireLimits.maxListCount)")
        }
        guard count <= UInt64(remaining) else {
            throw WireError(.listTooLong, at: start, detail: "\(count) elements in \(remaining) bytes")
        }
        return Int(count)
    }

    /// Enters a length-prefixed struct; returns the outer end for `leaveStruct`. Inlined into
    /// every struct read; the error's text is built out of line.
    @inlinable @inline(__always) public mutating func enterStruct() throws(WireError) -> Int {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw WireReader.truncatedStruct(length, at: start) }
        // `depth` is 1 inside the message body, so a struct entered now is at level `depth`
        // below the message; levels 1 through `maxNesting` are allowed.
        guard depth <= WireLimits.maxNesting else { throw WireError(.nestingTooDeep, at: start) }
        let outer = end
        end = position &+ Int(length)
        depth &+= 1
        return outer
    }

    @usableFromInline @inline(never) static func truncatedStruct(_ length: UInt64, at start: Int) -> WireError {
        WireError(.truncated, at: start, detail: "struct of \(length) bytes")
    }

    /// Leaves a struct, skipping any fields a newer writer appended that this reader does not know.
    @inlinable public mutating func leaveStruct(_ outerEnd: Int) {
        position = end
        end = outerEnd
        depth &-= 1
    }

    /// Reads a nested struct (owned or view form). Inlined: a call returning a large view struct
    /// through memory cost more than the struct's own small fields.
    @inlinable @inline(__always) public mutating func readStruct<S: WireDecodable>(_: S.Type) throws(WireError) -> S {
        let outer = try enterStruct()
        let value = try S(fieldsFrom: &self)
        leaveStruct(outer)
        return value
    }

    /// Reads one complete top-level message: header, length-prefixed body, nothing after it.
    /// `typeName` is only evaluated for an error (loading a static String costs a retain and a
    /// release per message).
    @inlinable public mutating func readMessage<S: WireDecodable>(
        _: S.Type, typeID: UInt16, typeName: @autoclosure () -> String
    ) throws(WireError) -> S {
        guard total <= WireLimits.maxMessageBytes else {
            throw WireError(.messageTooLarge, at: 0, detail: "\(total) > \(WireLimits.maxMessageBytes)")
        }
        let found = try readTypeID()
        guard found == typeID else {
            throw WireError(.unexpectedMessageType, at: 0, detail: "type \(found), expected \(typeID)")
                .within(typeName(), field: nil)
        }
        let value = try readStruct(S.self)
        guard position == total else {
            throw WireError(.trailingBytes, at: position, detail: "\(total &- position) bytes")
                .within(typeName(), field: nil)
        }
        return value
    }

    /// The two-byte little-endian header of a message.
    @inlinable public mutating func readTypeID() throws(WireError) -> UInt16 {
        guard remaining >= 2 else { throw fail(.truncated, detail: "header") }
        let value = base.loadUnaligned(fromByteOffset: position, as: UInt16.self)
        position &+= 2
        return UInt16(littleEndian: value)
    }

    /// The type id of an encoded message, without decoding it.
    public static func peekTypeID(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> UInt16 {
        var reader = WireReader(bytes)
        return try reader.readTypeID()
    }
}
