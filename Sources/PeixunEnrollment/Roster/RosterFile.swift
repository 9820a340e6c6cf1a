public import PeixunCodec
public import PeixunMessages

/// A party-member roster file, as read by `peixun member import FILE`.
///
/// ## Format
///
/// - **Encoding**: UTF-8. A UTF-8 byte order mark at the very start is skipped. A byte sequence
///   that is not UTF-8 makes the whole file one problem, at the line of the bad byte, and no row
///   is read (save the file as "CSV UTF-8", not GBK).
/// - **CSV** (RFC 4180): fields separated by commas; a field may be quoted with double quotes, and
///   then may contain commas and line breaks, with `""` standing for one quote. Lines end with
///   CRLF or LF; the last line break is optional; blank lines (empty or only spaces) are ignored.
///   Text after a closing quote (`"a"b`) and a quote left open at the end of the file are errors.
///   Every value is trimmed of surrounding white space.
/// - **Header**: the first non-blank row names the columns, in any order, case-insensitively,
///   surrounding spaces trimmed. Every row after it has as many fields as the header.
///   A column not listed below, a column named twice or a required column missing is an error
///   of the header, and then no row is read.
///
/// | column | required | value |
/// | --- | --- | --- |
/// | `member_id` | yes | the member's number in the party roster: 1–32 ASCII letters, digits, `-` or `_`; unique in the file (case-sensitive) |
/// | `name` | yes | the member's name, e.g. `张伟`: not empty, at most 64 characters |
/// | `branch_code` | yes | the code of the member's branch (党支部): 1–32 ASCII letters, digits, `-` or `_`; the service checks that it exists |
/// | `categories` | no | `;`-separated (`；` also accepted), each one of `village` 村, `community` 社区, `organ` 机关, `enterprise` 企业, `new_member` 三年内新入党, `branch_secretary` 党组织书记, `committee_member` 党委委员 (English words case-insensitive); empty means none; repeats count once |
/// | `joined` | no | the date the member joined the party, `YYYY-MM-DD`, a real date not before 1921-07-01; empty means unknown |
///
/// Example:
///
/// ```
/// member_id,name,branch_code,categories,joined
/// ZS-0001,张伟,ZS-NL-01,village;branch_secretary,1998-07-01
/// ZS-0002,"欧阳, 娜娜",ZS-NL-01,,
/// ```
///
/// ## Problems
///
/// Line numbers are physical lines of the file, from 1; a row whose quoted field spans lines is
/// at the line where it starts (an unterminated quote: the line where the quote opened). A bad
/// row is reported (every bad value in it) and left out; the other rows are still read.
public struct RosterFile: Sendable {
    /// The required and optional columns, by their header names.
    static let requiredColumns = ["member_id", "name", "branch_code"]
    static let optionalColumns = ["categories", "joined"]
    static let allColumns = requiredColumns + optionalColumns

    /// Reads a roster from the bytes of a file. Pure: never fails, never traps.
    public static func parse(_ bytes: [UInt8]) -> RosterParse {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if let bad = RosterUTF8.firstInvalidOffset(bytes, from: start) {
            var line = 1
            for index in start..<bad where bytes[index] == 0x0A { line += 1 }
            return RosterParse(rows: [], problems: [RosterProblem(line: line, column: nil, reason: .invalidUTF8)])
        }
        let records = RosterCSV.records(bytes, from: start)
        guard let headerRecord = records.first else {
            return RosterParse(rows: [], problems: [RosterProblem(line: 1, column: nil, reason: .missingHeader)])
        }
        switch readHeader(headerRecord) {
        case .failure(let problems):
            return RosterParse(rows: [], problems: problems)
        case .success(let header):
            var parse = RosterParse(rows: [], problems: [])
            var firstLineOfID: [String: Int] = [:]
            for record in records.dropFirst() {
                switch readRow(record, header: header, firstLineOfID: &firstLineOfID) {
                case .success(let row): parse.rows.append(row)
                case .failure(let problems): parse.problems.append(contentsOf: problems)
                }
            }
            return parse
        }
    }

    /// Where each known column is in a row.
    struct Header {
        var names: [String]
        var index: [String: Int]
    }

    enum Outcome<Value> {
        case success(Value)
        case failure([RosterProblem])
    }

    static func structuralProblem(_ record: RosterCSVRecord, names: [String]?) -> RosterProblem? {
        guard let defect = record.defect else { return nil }
        func column(_ field: Int) -> String? {
            guard let names, field < names.count else { return nil }
            return names[field]
        }
        switch defect {
        case .unterminatedQuote(let line, let field):
            return RosterProblem(line: line, column: column(field), reason: .unterminatedQuote)
        case .textAfterClosingQuote(let line, let field):
            return RosterProblem(line: line, column: column(field), reason: .textAfterClosingQuote)
        }
    }

    static func readHeader(_ record: RosterCSVRecord) -> Outcome<Header> {
        if let problem = structuralProblem(record, names: nil) { return .failure([problem]) }
        var problems: [RosterProblem] = []
        var names: [String] = []
        var index: [String: Int] = [:]
        for (position, raw) in record.fields.enumerated() {
            let name = RosterText.trimmed(raw).lowercased()
            names.append(name)
            if !allColumns.contains(name) {
                problems.append(RosterProblem(line: record.line, column: RosterText.trimmed(raw), reason: .unknownColumn))
            } else if index[name] != nil {
                problems.append(RosterProblem(line: record.line, column: name, reason: .duplicateColumn))
            } else {
                index[name] = position
            }
        }
        for name in requiredColumns where index[name] == nil {
            problems.append(RosterProblem(line: record.line, column: name, reason: .missingColumn))
        }
        return problems.isEmpty ? .success(Header(names: names, index: index)) : .failure(problems)
    }

    static func readRow(
        _ record: RosterCSVRecord, header: Header, firstLineOfID: inout [String: Int]
    ) -> Outcome<RosterRow> {
        if let problem = structuralProblem(record, names: header.names) { return .failure([problem]) }
        let line = record.line
        guard record.fields.count == header.names.count else {
            return .failure([
                RosterProblem(
                    line: line, column: nil,
                    reason: .wrongFieldCount(expected: header.names.count, found: record.fields.count))
            ])
        }
        func value(_ column: String) -> String {
            guard let position = header.index[column] else { return "" }
            return RosterText.trimmed(record.fields[position])
        }
        var problems: [RosterProblem] = []
        func report(_ column: String, _ reason: RosterProblem.Reason) {
            problems.append(RosterProblem(line: line, column: column, reason: reason))
        }

        let memberID = value("member_id")
        if memberID.isEmpty {
            report("member_id", .emptyField)
        } else if !RosterFields.isCode(memberID) {
            report("member_id", .invalidMemberID(memberID))
        } else if let first = firstLineOfID[memberID] {
            report("member_id", .duplicateMemberID(firstLine: first))
        } else {
            firstLineOfID[memberID] = line
        }

        let name = value("name")
        if name.isEmpty {
            report("name", .emptyField)
        } else if name.count > RosterFields.maximumNameLength {
            report("name", .nameTooLong(length: name.count))
        }

        let branchCode = value("branch_code")
        if branchCode.isEmpty {
            report("branch_code", .emptyField)
        } else if !RosterFields.isCode(branchCode) {
            report("branch_code", .invalidBranchCode(branchCode))
        }

        var categories: [MemberCategory] = []
        switch RosterFields.categories(value("categories")) {
        case .success(let parsed): categories = parsed
        case .failure(let unknown): for word in unknown { report("categories", .unknownCategory(word)) }
        }

        var joined: WireTimestamp?
        let joinedText = value("joined")
        if !joinedText.isEmpty {
            switch RosterFields.date(joinedText) {
            case .valid(let timestamp): joined = timestamp
            case .invalid: report("joined", .invalidDate(joinedText))
            case .beforeFounding: report("joined", .dateBeforeFounding(joinedText))
            }
        }

        guard problems.isEmpty else { return .failure(problems) }
        return .success(
            RosterRow(
                line: line, memberID: memberID, name: name, branchCode: branchCode,
                categories: categories, joined: joined))
    }
}

/// What a roster file holds: the valid rows and every problem, each in file order.
public struct RosterParse: Sendable {
    /// The rows without problems, in file order.
    public var rows: [RosterRow]
    /// Every problem found, in file order (a header problem means `rows` is empty).
    public var problems: [RosterProblem]

    public init(rows: [RosterRow], problems: [RosterProblem]) {
        self.rows = rows
        self.problems = problems
    }
}

/// One valid member row of a roster file.
public struct RosterRow: Sendable, Hashable {
    /// The physical line (from 1) where the row starts.
    public var line: Int
    public var memberID: String
    public var name: String
    public var branchCode: String
    /// Sorted by raw value, without repeats.
    public var categories: [MemberCategory]
    /// 00:00 China time of the day the member joined the party; nil when unknown.
    public var joined: WireTimestamp?

    public init(
        line: Int, memberID: String, name: String, branchCode: String,
        categories: [MemberCategory] = [], joined: WireTimestamp? = nil
    ) {
        self.line = line
        self.memberID = memberID
        self.name = name
        self.branchCode = branchCode
        self.categories = categories
        self.joined = joined
    }
}
