/// A type read field by field from a struct region (generated owned structs and their views).
public protocol WireDecodable {
    /// Reads this struct's fields from `reader`, whose `end` is the end of the struct's region.
    /// Fields missing at the end take their zero values; trailing unknown fields are left for
    /// `leaveStruct` to skip.
    init(fieldsFrom reader: inout WireReader) throws(WireError)
}

/// The borrowed form of a generated struct: scalars decoded, strings, bytes and lists left in
/// the received bytes (valid only while they are).
public protocol WireView: WireDecodable {
    associatedtype Owned
    /// An owned copy; throws `invalidUTF8` (with the field path) for an ill-formed string, since
    /// a view checks strings only when they are read.
    var owned: Owned { get throws(WireError) }
}

/// A generated struct: encodes its fields in id order, decodes them back.
public protocol WireStruct: WireDecodable, Sendable, Hashable {
    /// The borrowed form: scalars decoded, strings and bytes left in place.
    associatedtype View: WireView where View.Owned == Self
    func encodeFields(into writer: inout WireWriter)
}

/// A generated top-level message: a struct with a type id that goes in the header.
public protocol WireMessage: WireStruct {
    static var typeID: UInt16 { get }
    static var typeName: String { get }
}

extension WireMessage {
    /// Decodes one complete message (header, body, no trailing bytes).
    @inlinable public init(decoding bytes: UnsafeRawBufferPointer) throws(WireError) {
        var reader = WireReader(bytes)
        self = try reader.readMessage(Self.self, typeID: Self.typeID, typeName: Self.typeName)
    }

    @inlinable public init(decoding bytes: [UInt8]) throws(WireError) {
        // `withUnsafeBytes` rethrows untyped errors (Swift 6.3), so the typed result is carried out.
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(WireError) in try Self(decoding: buffer) }
        }
        self = try result.get()
    }

    /// Decodes the borrowed form: valid only while `bytes` are.
    @inlinable public static func view(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> View {
        var reader = WireReader(bytes)
        return try reader.readMessage(View.self, typeID: typeID, typeName: typeName)
    }

    /// A fresh array holding the encoded message (convenient; allocates. Hot paths use a
    /// reused `WireWriter`).
    public func encoded() throws(WireError) -> [UInt8] {
        var writer = WireWriter(capacity: 256)
        try writer.write(self)
        return writer.bytes
    }
}
