/// One CSV record: its fields and the line where it starts.
struct RosterCSVRecord {
    enum Defect {
        /// A quote opened on `line` in field `field` and never closed.
        case unterminatedQuote(line: Int, field: Int)
        /// Text after the closing quote of field `field`, on `line`.
        case textAfterClosingQuote(line: Int, field: Int)
    }

    var line: Int
    var fields: [String]
    var defect: Defect?
}

/// RFC 4180 CSV over bytes already checked to be UTF-8 (the separators are ASCII, so fields cut at
/// them stay valid UTF-8). Blank records (one unquoted field of only white space) are dropped.
enum RosterCSV {
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    static func records(_ bytes: [UInt8], from start: Int) -> [RosterCSVRecord] {
        var records: [RosterCSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldQuoted = false
        var recordQuoted = false
        var defect: RosterCSVRecord.Defect?
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            recordQuoted = recordQuoted || fieldQuoted
            fieldQuoted = false
        }
        func endRecord() {
            let blank = fields.count == 1 && !recordQuoted && RosterText.trimmed(fields[0]).isEmpty
            if !blank || defect != nil {
                records.append(RosterCSVRecord(line: recordLine, fields: fields, defect: defect))
            }
            fields.removeAll(keepingCapacity: true)
            recordQuoted = false
            defect = nil
        }

        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            // A line end outside quotes: LF or CRLF.
            let isLineEnd =
                byte == lineFeed
                || (byte == carriageReturn && index < bytes.count && bytes[index] == lineFeed)
            switch state {
            case .quoted:
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        state = .afterQuote
                    }
                } else {
                    if byte == lineFeed { line += 1 }
                    field.append(byte)
                }
            case .fieldStart, .unquoted, .afterQuote:
                if byte == comma {
                    endField()
                    state = .fieldStart
                } else if isLineEnd {
                    if byte == carriageReturn { index += 1 }
                    endField()
                    endRecord()
                    line += 1
                    recordLine = line
                    state = .fieldStart
                } else if byte == quote && state == .fieldStart {
                    state = .quoted
                    fieldQuoted = true
                    quoteLine = line
                } else {
                    if state == .afterQuote && defect == nil {
                        defect = .textAfterClosingQuote(line: line, field: fields.count)
                    }
                    field.append(byte)
                    state = state == .afterQuote ? .afterQuote : .unquoted
                }
            }
        }
        switch state {
        case .quoted:
            if defect == nil { defect = .unterminatedQuote(line: quoteLine, field: fields.count) }
            endField()
            endRecord()
        case .fieldStart where fields.isEmpty && field.isEmpty && !fieldQuoted:
            break  // the file ended with a line break (or is empty)
        default:
            endField()
            endRecord()
        }
        return records
    }
}

enum RosterUTF8 {
    /// The offset of the first byte that does not start a well-formed UTF-8 sequence, or nil.
    static func firstInvalidOffset(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            var trailing = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0: trailing = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: trailing = 2
            case 0xED: trailing = 2; high = 0x9F  // no surrogates
            case 0xF0: trailing = 3; low = 0x90
            case 0xF1...0xF3: trailing = 3
            case 0xF4: trailing = 3; high = 0x8F  // nothing above U+10FFFF
            default: return index
            }
            guard count - index > trailing else { return index }
            guard (low...high).contains(bytes[index + 1]) else { return index }
            var offset = 2
            while offset <= trailing {
                guard (0x80...0xBF).contains(bytes[index + offset]) else { return index }
                offset += 1
            }
            index += trailing + 1
        }
        return nil
    }
}

enum RosterText {
    /// The text without white space (Unicode, including the ideographic space) at either end.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
