import Foundation

/// The shapes of what people type: codes and member numbers, and names.
enum Identifier {
    static let maximumLength = 32
    static let maximumNameLength = 64

    /// An organisation code or a member number: 1–32 ASCII letters, digits, `-` or `_`.
    static func isValid(_ text: String) -> Bool {
        (1...maximumLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    /// A name: not empty, at most 64 characters (after trimming).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumNameLength
    }

    /// `text` trimmed, refused as `<what>.invalidCode` unless it is a valid code.
    static func code(_ text: String, of what: String) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces)
        guard isValid(code) else {
            throw EnrollmentError("\(what).invalidCode", "\(what) code \"\(text)\" must be 1–32 letters, digits, - or _")
        }
        return code
    }

    /// `text` trimmed, refused as `<what>.invalidName` unless it is a valid name. `what` may
    /// name the thing ("course GT-01"); its first word is the code's prefix.
    static func name(_ text: String, of what: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard isValidName(name) else {
            let prefix = what.split(separator: " ").first.map(String.init) ?? what
            throw EnrollmentError("\(prefix).invalidName", "\(what) needs a name of 1–\(maximumNameLength) characters")
        }
        return name
    }
}
