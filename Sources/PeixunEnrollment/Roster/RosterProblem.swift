/// A problem found in a roster file: where it is and what is wrong.
public struct RosterProblem: Sendable, Hashable, CustomStringConvertible {
    /// The physical line of the file, from 1.
    public var line: Int
    /// The column's header name (as written, for an unknown column), when the problem is in one.
    public var column: String?
    public var reason: Reason

    public init(line: Int, column: String?, reason: Reason) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public enum Reason: Sendable, Hashable {
        /// The file is not UTF-8 (the line is where the first bad byte is); nothing is read.
        case invalidUTF8
        /// The file has no header row (it is empty or blank).
        case missingHeader
        /// A required column is not named in the header.
        case missingColumn
        /// The header names a column that is not part of the format.
        case unknownColumn
        /// The header names a column twice.
        case duplicateColumn
        /// A row has not as many fields as the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A quote opened on this line is never closed.
        case unterminatedQuote
        /// Text follows the closing quote of a quoted field, as in `"a"b`.
        case textAfterClosingQuote
        /// A required value is empty.
        case emptyField
        case invalidMemberID(String)
        case invalidBranchCode(String)
        /// The name has more than 64 characters (the length given).
        case nameTooLong(length: Int)
        case unknownCategory(String)
        /// Not a real `YYYY-MM-DD` date (the text given).
        case invalidDate(String)
        /// A date before the party's founding, 1921-07-01 (the text given).
        case dateBeforeFounding(String)
        /// The member id was already used on the given line.
        case duplicateMemberID(firstLine: Int)
    }

    /// A readable sentence, e.g. `line 7: column categories: unknown category "farmer"`.
    public var description: String {
        var text = "line \(line): "
        if let column { text += "column \(Self.quotedIfOdd(column)): " }
        return text + Self.message(reason)
    }

    static func message(_ reason: Reason) -> String {
        let codeRule = "1–32 ASCII letters, digits, - or _"
        switch reason {
        case .invalidUTF8:
            return "the file is not valid UTF-8 (save it as \"CSV UTF-8\"); nothing was imported"
        case .missingHeader:
            return "the file is empty; expected a header row naming the columns "
                + RosterFile.requiredColumns.joined(separator: ", ")
        case .missingColumn:
            return "required column missing from the header"
        case .unknownColumn:
            return "unknown column (expected " + RosterFile.allColumns.joined(separator: ", ") + ")"
        case .duplicateColumn:
            return "column named twice in the header"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields, found \(found)"
        case .unterminatedQuote:
            return "quote opened here is never closed"
        case .textAfterClosingQuote:
            return "text after the closing quote of a quoted field"
        case .emptyField:
            return "required value is empty"
        case .invalidMemberID(let text):
            return "invalid member id \(quoted(text)) (\(codeRule))"
        case .invalidBranchCode(let text):
            return "invalid branch code \(quoted(text)) (\(codeRule))"
        case .nameTooLong(let length):
            return "name has \(length) characters, at most \(RosterFields.maximumNameLength) allowed"
        case .unknownCategory(let word):
            return "unknown category \(quoted(word))"
        case .invalidDate(let text):
            return "invalid date \(quoted(text)) (expected a real date as YYYY-MM-DD)"
        case .dateBeforeFounding(let text):
            return "date \(quoted(text)) is before the party's founding on 1921-07-01"
        case .duplicateMemberID(let firstLine):
            return "duplicate member id, first used on line \(firstLine)"
        }
    }

    /// The text in double quotes, cut to 40 characters, line breaks and quotes escaped.
    static func quoted(_ text: String) -> String {
        var shown = ""
        for (count, character) in text.enumerated() {
            if count == 40 {
                shown += "…"
                break
            }
            switch character {
            case "\"": shown += "\\\""
            case "\n", "\r\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            default: shown.append(character)
            }
        }
        return "\"" + shown + "\""
    }

    /// A column name as is when it is a plain word, quoted otherwise (e.g. an empty header cell).
    static func quotedIfOdd(_ column: String) -> String {
        let plain = !column.isEmpty && column.count <= 40 && column.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? column : quoted(column)
    }
}
