/// The parsed form of one `protocols/*.peixun` file.
public struct SchemaFile: Sendable, Equatable {
    /// File name as given to the parser (used in errors and in the generated header).
    public var path: String
    public var family: String
    public var version: Int
    /// The message type ids this family may use, inclusive.
    public var typeIDs: ClosedRange<Int>
    public var enums: [EnumDecl] = []
    public var structs: [StructDecl] = []
    /// Declarations in file order (for generated code that follows the schema's order).
    public var order: [DeclRef] = []

    public enum DeclRef: Sendable, Equatable {
        case enumeration(Int)
        case structure(Int)
    }
}

public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var description: String { "\(path):\(line):\(column)" }
}

public struct EnumDecl: Sendable, Equatable {
    public var name: String
    public var doc: [String]
    public var cases: [EnumCase]
    public var location: SourceLocation
}

public struct EnumCase: Sendable, Equatable {
    public var name: String
    public var value: UInt32
    public var doc: [String]
    public var location: SourceLocation
}

/// A struct or a message (a message is a struct with a type id).
public struct StructDecl: Sendable, Equatable {
    public var name: String
    public var typeID: Int?
    public var doc: [String]
    public var fields: [FieldDecl]
    public var location: SourceLocation
    public var isMessage: Bool { typeID != nil }
}

public struct FieldDecl: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var type: FieldType
    public var deprecated: Bool
    public var doc: [String]
    public var location: SourceLocation
}

public enum FieldType: Sendable, Equatable, CustomStringConvertible {
    case single(BaseType)
    case optional(BaseType)
    case list(BaseType)

    public var base: BaseType {
        switch self {
        case .single(let base), .optional(let base), .list(let base): base
        }
    }

    public var description: String {
        switch self {
        case .single(let base): "\(base)"
        case .optional(let base): "\(base)?"
        case .list(let base): "[\(base)]"
        }
    }
}

public enum BaseType: Sendable, Equatable, CustomStringConvertible {
    case u8, u16, u32, u64, i8, i16, i32, i64, bool, f64, string, bytes, uuid, timestamp
    /// An enum or struct declared in some schema file.
    case named(String)

    static let keywords: [String: BaseType] = [
        "u8": .u8, "u16": .u16, "u32": .u32, "u64": .u64,
        "i8": .i8, "i16": .i16, "i32": .i32, "i64": .i64,
        "bool": .bool, "f64": .f64, "string": .string, "bytes": .bytes,
        "uuid": .uuid, "timestamp": .timestamp,
    ]

    public var description: String {
        if case .named(let name) = self { return name }
        return Self.keywords.first { $0.value == self }!.key
    }
}
