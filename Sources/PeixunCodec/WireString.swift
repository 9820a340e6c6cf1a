/// A string inside a received message, not yet copied or checked: a view decode hands these out.
///
/// Valid only while the bytes it was decoded from are alive and unchanged (like the pointer
/// given to `withUnsafeBytes`). The view decode checked its length and bounds; its UTF-8 is
/// checked when `string` is read, which throws `invalidUTF8` for ill-formed bytes. Comparing with
/// a `String` needs no check: equal bytes are the bytes of a valid string.
public struct WireString: CustomStringConvertible, Hashable {
    public let utf8: UnsafeRawBufferPointer
    /// Where the string (its length prefix) starts in the message, for errors.
    public let offset: Int

    @inlinable init(_ utf8: UnsafeRawBufferPointer, offset: Int) {
        self.utf8 = utf8
        self.offset = offset
    }

    /// An owned copy, after checking that the bytes are well-formed UTF-8.
    @inlinable public var string: String {
        get throws(WireError) { try Self.decode(utf8, at: offset) }
    }

    /// The one UTF-8 check of the codec. `String(decoding:)` replaces each ill-formed sequence
    /// with U+FFFD, so the input was well-formed (RFC 3629: no overlong forms, surrogates or
    /// scalars above U+10FFFF) exactly when the string's bytes equal it; one pass validates and
    /// copies.
    @inlinable static func decode(_ utf8: UnsafeRawBufferPointer, at offset: Int) throws(WireError) -> String {
        let string = String(decoding: utf8.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        let unchanged = string.utf8.withContiguousStorageIfAvailable { copy in
            memcmpEqual(UnsafeRawBufferPointer(copy), utf8)
        } ?? string.utf8.elementsEqual(utf8)
        guard unchanged else { throw WireError(.invalidUTF8, at: offset) }
        return string
    }

    public var description: String { (try? string) ?? "<\(utf8.count) bytes of invalid UTF-8>" }

    /// Compares bytes without copying.
    @inlinable public static func == (lhs: WireString, rhs: String) -> Bool {
        var rhs = rhs
        return rhs.withUTF8 { $0.count == lhs.utf8.count && memcmpEqual(lhs.utf8, UnsafeRawBufferPointer($0)) }
    }

    public static func == (lhs: WireString, rhs: WireString) -> Bool {
        lhs.utf8.count == rhs.utf8.count && memcmpEqual(lhs.utf8, rhs.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: utf8)
    }
}

/// A bytes field inside a received message, not yet copied (same lifetime rule as `WireString`).
public struct WireBytes: Hashable {
    public let bytes: UnsafeRawBufferPointer

    @inlinable init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// An owned copy.
    public var array: [UInt8] { [UInt8](bytes) }

    public static func == (lhs: WireBytes, rhs: WireBytes) -> Bool {
        lhs.bytes.count == rhs.bytes.count && memcmpEqual(lhs.bytes, rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: bytes)
    }
}

/// Byte equality, eight bytes at a time.
@inlinable func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    let count = a.count
    guard count == b.count else { return false }
    guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
    var i = 0
    while i &+ 8 <= count {
        if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i &+= 8
    }
    while i < count {
        if x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
    }
    return true
}
