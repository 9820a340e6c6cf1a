/// A string inside a received message, not yet copied: a view decode hands these out.
///
/// Valid only while the bytes it was decoded from are alive and unchanged (like the pointer
/// given to `withUnsafeBytes`). Its UTF-8 was validated when the view was decoded, so `string`
/// cannot fail; it copies on each call.
public struct WireString: CustomStringConvertible, Hashable {
    public let utf8: UnsafeRawBufferPointer

    @inlinable init(_ utf8: UnsafeRawBufferPointer) { self.utf8 = utf8 }

    /// An owned copy.
    @inlinable public var string: String {
        String(decoding: utf8.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }

    public var description: String { string }

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
