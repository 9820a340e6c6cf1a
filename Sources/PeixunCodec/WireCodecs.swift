/// How one schema type is read and written. Generated code names a codec per field, so a field,
/// an optional and a list element of the same type share one piece of code.
public protocol WireFieldReader {
    associatedtype Value
    static func read(_ reader: inout WireReader) throws(WireError) -> Value
    /// The value of a field that an older writer did not send: the type's zero value.
    static func absent(_ reader: inout WireReader) throws(WireError) -> Value
}

public protocol WireFieldCodec: WireFieldReader {
    static func write(_ value: Value, to writer: inout WireWriter)
}

/// A generated enum: a closed set of `UInt32` values; an unknown value is a decode error.
public protocol WireEnum: RawRepresentable, Sendable, Hashable where RawValue == UInt32 {
    /// The first declared case: the value of an absent field and of a deprecated one.
    static var zero: Self { get }
}

public enum UnsignedCodec<T: FixedWidthInteger & UnsignedInteger>: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> T { try r.readUnsigned(T.self) }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> T { 0 }
    @inlinable @inline(__always) public static func write(_ v: T, to w: inout WireWriter) { w.writeVarint(UInt64(v)) }
}

public enum SignedCodec<T: FixedWidthInteger & SignedInteger>: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> T { try r.readSigned(T.self) }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> T { 0 }
    @inlinable @inline(__always) public static func write(_ v: T, to w: inout WireWriter) { w.writeSigned(Int64(v)) }
}

public enum BoolCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> Bool { try r.readBool() }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> Bool { false }
    @inlinable @inline(__always) public static func write(_ v: Bool, to w: inout WireWriter) { w.writeBool(v) }
}

public enum DoubleCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> Double { try r.readDouble() }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> Double { 0 }
    @inlinable @inline(__always) public static func write(_ v: Double, to w: inout WireWriter) { w.writeDouble(v) }
}

public enum UUIDCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> WireUUID { try r.readUUID() }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> WireUUID { .zero }
    @inlinable @inline(__always) public static func write(_ v: WireUUID, to w: inout WireWriter) { w.writeUUID(v) }
}

public enum TimestampCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> WireTimestamp {
        try r.readTimestamp()
    }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> WireTimestamp { .epoch }
    @inlinable @inline(__always) public static func write(_ v: WireTimestamp, to w: inout WireWriter) { w.writeTimestamp(v) }
}

public enum StringCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> String { try r.readString() }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> String { "" }
    @inlinable @inline(__always) public static func write(_ v: String, to w: inout WireWriter) { w.writeString(v) }
}

public enum StringViewCodec: WireFieldReader {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> WireString {
        try r.readStringView()
    }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> WireString {
        WireString(UnsafeRawBufferPointer(start: nil, count: 0), offset: r.offset)
    }
}

public enum BytesCodec: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> [UInt8] { try r.readBytes() }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> [UInt8] { [] }
    @inlinable @inline(__always) public static func write(_ v: [UInt8], to w: inout WireWriter) { w.writeBytes(v) }
}

public enum BytesViewCodec: WireFieldReader {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> WireBytes {
        try r.readBytesView()
    }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> WireBytes {
        WireBytes(UnsafeRawBufferPointer(start: nil, count: 0))
    }
}

public enum EnumCodec<E: WireEnum>: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> E { try r.readEnum(E.init(rawValue:)) }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> E {
        E.zero
    }
    @inlinable @inline(__always) public static func write(_ v: E, to w: inout WireWriter) { w.writeVarint(UInt64(v.rawValue)) }
}

/// A nested struct, owned.
public enum StructCodec<S: WireStruct>: WireFieldCodec {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> S { try r.readStruct(S.self) }
    /// An absent struct is the struct read from an empty region: every field at its zero.
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> S {
        var empty = WireReader(UnsafeRawBufferPointer(start: nil, count: 0))
        return try S(fieldsFrom: &empty)
    }
    @inlinable @inline(__always) public static func write(_ v: S, to w: inout WireWriter) { w.writeStruct(v) }
}

/// A nested struct, borrowed.
public enum StructViewCodec<S: WireStruct>: WireFieldReader {
    @inlinable @inline(__always) public static func read(_ r: inout WireReader) throws(WireError) -> S.View {
        try r.readStruct(S.View.self)
    }
    @inlinable public static func absent(_ r: inout WireReader) throws(WireError) -> S.View {
        var empty = WireReader(UnsafeRawBufferPointer(start: nil, count: 0))
        return try S.View(fieldsFrom: &empty)
    }
}

// MARK: - Fields, optionals and lists

extension WireReader {
    /// A field: its value, or its zero when the struct ended before it (an older writer).
    @inlinable @inline(__always) public mutating func field<C: WireFieldReader>(_: C.Type) throws(WireError) -> C.Value {
        if isAtEnd { return try C.absent(&self) }
        // The fixed-size codecs are read directly: through `C.read`, Swift 6.3 calls their
        // protocol witness thunks out of line (about 20 instructions each on top of the read)
        // instead of inlining them. The type checks fold away once `C` is known.
        if C.self == UUIDCodec.self { return unsafeBitCast(try readUUID(), to: C.Value.self) }
        if C.self == TimestampCodec.self { return unsafeBitCast(try readTimestamp(), to: C.Value.self) }
        if C.self == DoubleCodec.self { return unsafeBitCast(try readDouble(), to: C.Value.self) }
        return try C.read(&self)
    }

    /// An optional field: a presence byte, then the value.
    @inlinable public mutating func optionalField<C: WireFieldReader>(_: C.Type) throws(WireError) -> C.Value? {
        guard !isAtEnd, try readPresence() else { return nil }
        return try C.read(&self)
    }

    /// A list field: a count, then the elements.
    @inlinable public mutating func listField<C: WireFieldReader>(_: C.Type) throws(WireError) -> [C.Value] {
        guard !isAtEnd else { return [] }
        let count = try readListCount()
        var values: [C.Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try C.read(&self)) }
        return values
    }

    /// A list field, borrowed: checked now, read again lazily on iteration.
    @inlinable public mutating func listViewField<C: WireFieldReader>(_: C.Type) throws(WireError) -> WireListView<C> {
        guard !isAtEnd else { return WireListView(reader: self, count: 0) }
        let count = try readListCount()
        var snapshot = self
        for _ in 0..<count { _ = try C.read(&self) }
        snapshot.end = position
        return WireListView(reader: snapshot, count: count)
    }

    /// A deprecated field: read (so the bytes are checked and skipped) and dropped.
    @inlinable public mutating func skipField<C: WireFieldReader>(_: C.Type) throws(WireError) {
        if !isAtEnd { _ = try C.read(&self) }
    }
}

extension WireWriter {
    @inlinable @inline(__always) public mutating func field<C: WireFieldCodec>(_ value: C.Value, _: C.Type) {
        C.write(value, to: &self)
    }

    @inlinable public mutating func optionalField<C: WireFieldCodec>(_ value: C.Value?, _: C.Type) {
        if let value {
            writeByte(1)
            C.write(value, to: &self)
        } else {
            writeByte(0)
        }
    }

    @inlinable public mutating func listField<C: WireFieldCodec>(_ values: [C.Value], _: C.Type) {
        writeListCount(values.count)
        for value in values { C.write(value, to: &self) }
    }

    /// A deprecated field: its zero value keeps the positions of later fields.
    @inlinable public mutating func zeroField<C: WireFieldCodec>(_: C.Type) {
        var empty = WireReader(UnsafeRawBufferPointer(start: nil, count: 0))
        do {
            C.write(try C.absent(&empty), to: &self)
        } catch {
            // Every type has a zero value, and a struct read from no bytes is its zero.
            preconditionFailure("zero value of \(C.self) failed: \(error)")
        }
    }
}

/// A list inside a received message, checked when the view was decoded and read again element by
/// element on iteration. Same lifetime rule as `WireString`.
public struct WireListView<C: WireFieldReader>: Sequence {
    @usableFromInline let reader: WireReader
    public let count: Int

    @inlinable init(reader: WireReader, count: Int) {
        self.reader = reader
        self.count = count
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline var reader: WireReader
        @usableFromInline var left: Int

        @inlinable init(reader: WireReader, left: Int) {
            self.reader = reader
            self.left = left
        }

        @inlinable public mutating func next() -> C.Value? {
            guard left > 0 else { return nil }
            left &-= 1
            do {
                return try C.read(&reader)
            } catch {
                // The same bytes were read successfully when the view was decoded.
                preconditionFailure("list element failed a second read: \(error)")
            }
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(reader: reader, left: count) }

    @inlinable public var underestimatedCount: Int { count }
}
