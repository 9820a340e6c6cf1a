/// How schema types and names appear in generated Swift.
enum SwiftNames {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "some", "any",
    ]

    /// A name safe to declare and use (`class` → `` `class` ``).
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The owned Swift type of a base type.
    static func ownedType(_ base: BaseType) -> String {
        switch base {
        case .u8: "UInt8"
        case .u16: "UInt16"
        case .u32: "UInt32"
        case .u64: "UInt64"
        case .i8: "Int8"
        case .i16: "Int16"
        case .i32: "Int32"
        case .i64: "Int64"
        case .bool: "Bool"
        case .f64: "Double"
        case .string: "String"
        case .bytes: "[UInt8]"
        case .uuid: "WireUUID"
        case .timestamp: "WireTimestamp"
        case .named(let name): name
        }
    }

    /// The codec that reads and writes the owned form.
    static func ownedCodec(_ base: BaseType, isStruct: Bool) -> String {
        switch base {
        case .u8, .u16, .u32, .u64: "UnsignedCodec<\(ownedType(base))>"
        case .i8, .i16, .i32, .i64: "SignedCodec<\(ownedType(base))>"
        case .bool: "BoolCodec"
        case .f64: "DoubleCodec"
        case .string: "StringCodec"
        case .bytes: "BytesCodec"
        case .uuid: "UUIDCodec"
        case .timestamp: "TimestampCodec"
        case .named(let name): isStruct ? "StructCodec<\(name)>" : "EnumCodec<\(name)>"
        }
    }

    /// The borrowed Swift type of a base type in a view.
    static func viewType(_ base: BaseType, isStruct: Bool) -> String {
        switch base {
        case .string: "WireString"
        case .bytes: "WireBytes"
        case .named(let name) where isStruct: "\(name).View"
        default: ownedType(base)
        }
    }

    /// The codec that reads the borrowed form.
    static func viewCodec(_ base: BaseType, isStruct: Bool) -> String {
        switch base {
        case .string: "StringViewCodec"
        case .bytes: "BytesViewCodec"
        case .named(let name) where isStruct: "StructViewCodec<\(name)>"
        default: ownedCodec(base, isStruct: isStruct)
        }
    }

    /// The zero value used as an initializer default, or nil where a value is required.
    static func zero(_ base: BaseType) -> String? {
        switch base {
        case .u8, .u16, .u32, .u64, .i8, .i16, .i32, .i64, .f64: "0"
        case .bool: "false"
        case .string: "\"\""
        case .bytes: "[]"
        case .uuid: ".zero"
        case .timestamp: ".epoch"
        case .named: nil
        }
    }
}
