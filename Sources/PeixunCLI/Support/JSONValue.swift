import Foundation
import PeixunCodec

/// A JSON value, rendered by hand so the output is the same everywhere: keys sorted, no spaces,
/// Chinese (and every non-ASCII character) written as itself rather than `\uXXXX`, integers
/// without a fraction, times in China time.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var rendered: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.quote(value, into: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// Escapes what JSON requires (quote, backslash, control characters) and nothing else.
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// Any generated message or struct as JSON, field names as in the schema: the answers of
    /// every command and query print without a hand-written mapping per message. Uuids are their
    /// text, times ISO 8601 in China time, enums their command-line names (`state-enterprise`),
    /// bytes base64.
    static func reflecting(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Double: return .double(number)
        case let number as any BinaryInteger: return .int(Int64(clamping: number))
        case let id as WireUUID: return .string(id.description)
        case let time as WireTimestamp: return .string(ChinaTime.format(time))
        case let bytes as [UInt8]: return .string(Data(bytes).base64EncodedString())
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { reflecting($0.value) } ?? .null
        case .collection, .set:
            return .array(mirror.children.map { reflecting($0.value) })
        case .enum:
            return .string(CommandLineName.of(value))
        default:
            var fields: [String: JSONValue] = [:]
            for child in mirror.children {
                if let label = child.label { fields[label] = reflecting(child.value) }
            }
            return .object(fields)
        }
    }

    /// The object's fields, or nothing for another value.
    var fields: [String: JSONValue] {
        if case .object(let fields) = self { return fields }
        return [:]
    }
}
