/// Why a message could not be decoded (or encoded), where, and in which field.
///
/// Decoders never trap on input: every malformed byte sequence ends here. `description` names the
/// problem, the byte offset and the field path; it never prints payload bytes or string contents.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct over a private enum so that codes can be added without breaking
    /// exhaustive switches in callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        @usableFromInline enum Value: Sendable, Hashable {
            case truncated, trailingBytes, messageTooLarge, stringTooLong, bytesTooLong, listTooLong
            case invalidUTF8, invalidBool, invalidOptionalTag, unknownEnumValue, integerOverflow
            case nonMinimalVarint, unexpectedMessageType, unknownMessageType
            case nestingTooDeep
        }
        @usableFromInline let value: Value

        @inlinable init(value: Value) { self.value = value }

        // Computed, not stored: a `static let` is a lazily initialized global whose accessor ran on
        // every string and bytes field read (the limit check names its code), not only on errors.
        /// The input ends before the value being read.
        @inlinable public static var truncated: Code { Code(value: .truncated) }
        /// Bytes remain after a complete top-level message.
        @inlinable public static var trailingBytes: Code { Code(value: .trailingBytes) }
        /// The message is larger than `WireLimits.maxMessageBytes`.
        @inlinable public static var messageTooLarge: Code { Code(value: .messageTooLarge) }
        /// A string is longer than `WireLimits.maxStringBytes`.
        @inlinable public static var stringTooLong: Code { Code(value: .stringTooLong) }
        /// A bytes field is longer than `WireLimits.maxBytesLength`.
        @inlinable public static var bytesTooLong: Code { Code(value: .bytesTooLong) }
        /// A list has more elements than `WireLimits.maxListCount` or than bytes remain.
        @inlinable public static var listTooLong: Code { Code(value: .listTooLong) }
        /// A string field is not well-formed UTF-8.
        @inlinable public static var invalidUTF8: Code { Code(value: .invalidUTF8) }
        /// A bool byte other than 0 or 1.
        @inlinable public static var invalidBool: Code { Code(value: .invalidBool) }
        /// An optional's presence byte other than 0 or 1.
        @inlinable public static var invalidOptionalTag: Code { Code(value: .invalidOptionalTag) }
        /// An enum value the schema does not define.
        @inlinable public static var unknownEnumValue: Code { Code(value: .unknownEnumValue) }
        /// A varint longer than 10 bytes, or a value outside the field's integer type.
        @inlinable public static var integerOverflow: Code { Code(value: .integerOverflow) }
        /// A varint with redundant trailing zero groups (every value has one encoding).
        @inlinable public static var nonMinimalVarint: Code { Code(value: .nonMinimalVarint) }
        /// The header names a different message type than the one asked for.
        @inlinable public static var unexpectedMessageType: Code { Code(value: .unexpectedMessageType) }
        /// The header names a type id no schema defines.
        @inlinable public static var unknownMessageType: Code { Code(value: .unknownMessageType) }
        /// Structs nested deeper than `WireLimits.maxNesting`.
        @inlinable public static var nestingTooDeep: Code { Code(value: .nestingTooDeep) }

        public var description: String {
            switch value {
            case .truncated: "truncated"
            case .trailingBytes: "trailing bytes"
            case .messageTooLarge: "message too large"
            case .stringTooLong: "string too long"
            case .bytesTooLong: "bytes too long"
            case .listTooLong: "list too long"
            case .invalidUTF8: "invalid UTF-8"
            case .invalidBool: "invalid bool"
            case .invalidOptionalTag: "invalid optional tag"
            case .unknownEnumValue: "unknown enum value"
            case .integerOverflow: "integer overflow"
            case .nonMinimalVarint: "non-minimal varint"
            case .unexpectedMessageType: "unexpected message type"
            case .unknownMessageType: "unknown message type"
            case .nestingTooDeep: "nesting too deep"
            }
        }
    }

    public let code: Code
    /// Byte offset in the message where the bad value starts.
    public let offset: Int
    /// The field path, outermost first, e.g. `["LessonScheduled", "venue", "name"]`. Filled in as the
    /// error travels up through the generated decoders.
    public private(set) var path: [String]
    /// A short detail with numbers only (a length, a limit, a type id): never payload content.
    public let detail: String

    public init(_ code: Code, at offset: Int, detail: String = "", path: [String] = []) {
        self.code = code
        self.offset = offset
        self.detail = detail
        self.path = path
    }

    /// The same error, seen from inside `type`'s field `field` (called on the error path only).
    public func within(_ type: String, field: String?) -> WireError {
        var copy = self
        if let field { copy.path.insert(field, at: 0) }
        copy.path.insert(type, at: 0)
        return copy
    }

    public var description: String {
        let place = path.isEmpty ? "" : " in \(path.joined(separator: "."))"
        let more = detail.isEmpty ? "" : " (\(detail))"
        return "\(code)\(place) at byte \(offset)\(more)"
    }
}
