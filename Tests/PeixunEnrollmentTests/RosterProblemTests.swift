import PeixunEnrollment
import Testing

private let header = "member_id,name,branch_code,categories,joined\n"

private func parse(_ text: String) -> RosterParse { RosterFile.parse(Array(text.utf8)) }

private func problem(_ line: Int, _ column: String?, _ reason: RosterProblem.Reason) -> RosterProblem {
    RosterProblem(line: line, column: column, reason: reason)
}

@Suite("Roster file: problems in the file as a whole")
struct RosterFileProblemTests {
    @Test("an empty file is reported as a missing header on line 1")
    func emptyFile() {
        #expect(parse("").problems == [problem(1, nil, .missingHeader)])
        #expect(RosterFile.parse([0xEF, 0xBB, 0xBF]).problems == [problem(1, nil, .missingHeader)])
        #expect(parse("\n  \r\n\n").problems == [problem(1, nil, .missingHeader)])
    }

    @Test("a byte 0xFF in a name makes the whole file one problem at its line, and no rows")
    func invalidUTF8() {
        let bytes = Array((header + "A1,张伟,B1,,\nA2,李").utf8) + [0xFF] + Array("娜,B1,,\nA3,王芳,B1,,\n".utf8)
        let parse = RosterFile.parse(bytes)
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(3, nil, .invalidUTF8)])
    }

    @Test("a UTF-8 sequence cut short, an overlong form or a surrogate is invalid UTF-8")
    func malformedSequences() {
        let prefix = Array("member_id,name,branch_code\n".utf8)
        for bad: [UInt8] in [[0xE5, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            #expect(RosterFile.parse(prefix + bad).problems == [problem(2, nil, .invalidUTF8)])
        }
    }

    @Test("a GBK-encoded file is reported as invalid UTF-8 on the line of the first Chinese name")
    func gbkFile() {
        // 张伟 in GBK is D5 C5 CE B0.
        let bytes = Array("member_id,name,branch_code\nA1,".utf8) + [0xD5, 0xC5, 0xCE, 0xB0] + Array(",B1\n".utf8)
        #expect(RosterFile.parse(bytes).problems == [problem(2, nil, .invalidUTF8)])
    }
}

@Suite("Roster file: header problems mean no rows")
struct RosterHeaderProblemTests {
    @Test("a missing required column is reported on the header line, naming the column, and no row is read")
    func missingColumn() {
        let parse = parse("member_id,categories\nA1,village\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(1, "name", .missingColumn), problem(1, "branch_code", .missingColumn)])
    }

    @Test("an unknown column (a typo) is reported on line 1, naming it as written, and no row is read")
    func unknownColumn() {
        let parse = parse("member_id,name,branch_code,Catgories\nA1,张伟,B1,village\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(1, "Catgories", .unknownColumn)])
        #expect(parse.problems.first?.description.hasPrefix("line 1: column Catgories: unknown column") == true)
    }

    @Test("a column named twice is reported once, on the header line")
    func duplicateColumn() {
        let parse = parse("member_id,name,branch_code,NAME\nA1,张伟,B1,张伟\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(1, "name", .duplicateColumn)])
    }

    @Test("the header is the first non-blank line, and its problems carry that line")
    func headerAfterBlankLines() {
        #expect(parse("\n\nmember_id,name\n").problems == [problem(3, "branch_code", .missingColumn)])
    }

    @Test("an unterminated quote in the header is a header problem")
    func unterminatedQuoteInHeader() {
        let parse = parse("member_id,\"name,branch_code\nA1,张伟,B1\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(1, nil, .unterminatedQuote)])
    }
}

@Suite("Roster file: row problems drop only their row")
struct RosterRowProblemTests {
    @Test("a row with too few or too many fields says how many were expected and found")
    func wrongFieldCount() {
        let parse = parse(header + "A1,张伟,B1\nA2,李娜,B1,,,\nA3,王芳,B1,,\n")
        #expect(parse.problems == [
            problem(2, nil, .wrongFieldCount(expected: 5, found: 3)),
            problem(3, nil, .wrongFieldCount(expected: 5, found: 6)),
        ])
        #expect(parse.rows.map(\.memberID) == ["A3"])
        #expect(parse.problems[0].description == "line 2: expected 5 fields, found 3")
    }

    @Test("an unterminated quote is reported on the line where the quote opened; earlier rows are kept")
    func unterminatedQuote() {
        let parse = parse(header + "A1,张伟,B1,,\nA2,李娜,B1,\"village,\nA3,王芳,B1,,\n")
        #expect(parse.rows.map(\.memberID) == ["A1"])
        #expect(parse.problems == [problem(3, "categories", .unterminatedQuote)])
    }

    @Test("text after a closing quote is reported and the row dropped")
    func textAfterClosingQuote() {
        let parse = parse(header + "A1,\"张\"伟,B1,,\nA2,李娜,B1,,\n")
        #expect(parse.rows.map(\.memberID) == ["A2"])
        #expect(parse.problems == [problem(2, "name", .textAfterClosingQuote)])
    }

    @Test("a row with an empty name is reported with its line and column and not imported")
    func emptyName() {
        let parse = parse(header + "A1,  ,B1,,\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [problem(2, "name", .emptyField)])
    }

    @Test("empty member id and branch code are each reported")
    func emptyRequiredFields() {
        let parse = parse(header + ",张伟,,,\n")
        #expect(parse.problems == [problem(2, "member_id", .emptyField), problem(2, "branch_code", .emptyField)])
    }

    @Test("a member id with a space, a Chinese character or more than 32 characters is invalid")
    func invalidMemberID() {
        let long = String(repeating: "1", count: 33)
        let parse = parse(header + "A 1,张伟,B1,,\n党员1,李娜,B1,,\n\(long),王芳,B1,,\n")
        #expect(parse.rows == [])
        #expect(parse.problems == [
            problem(2, "member_id", .invalidMemberID("A 1")),
            problem(3, "member_id", .invalidMemberID("党员1")),
            problem(4, "member_id", .invalidMemberID(long)),
        ])
    }

    @Test("a branch code with other characters is invalid")
    func invalidBranchCode() {
        let parse = parse(header + "A1,张伟,B/1,,\n")
        #expect(parse.problems == [problem(2, "branch_code", .invalidBranchCode("B/1"))])
    }

    @Test("a name of 65 characters is too long")
    func nameTooLong() {
        let parse = parse(header + "A1,\(String(repeating: "娜", count: 65)),B1,,\n")
        #expect(parse.problems == [problem(2, "name", .nameTooLong(length: 65))])
    }

    @Test("an unknown category is reported by name")
    func unknownCategory() {
        let parse = parse(header + "A1,张伟,B1,village;farmer,\n")
        #expect(parse.problems == [problem(2, "categories", .unknownCategory("farmer"))])
        #expect(parse.problems[0].description == "line 2: column categories: unknown category \"farmer\"")
    }

    @Test("a date that is not YYYY-MM-DD or not a real day is invalid, naming the text")
    func invalidDate() {
        let texts = ["2023-02-29", "2023-13-01", "2023-04-31", "2023/01/01", "23-01-01", "2023-1-1", "yesterday"]
        let parse = parse(header + texts.enumerated().map { "A\($0.offset),张伟,B1,,\($0.element)\n" }.joined())
        #expect(parse.rows == [])
        #expect(parse.problems == texts.enumerated().map { problem($0.offset + 2, "joined", .invalidDate($0.element)) })
    }

    @Test("a join date before the party's founding on 1921-07-01 is reported")
    func dateBeforeFounding() {
        let parse = parse(header + "A1,张伟,B1,,1921-06-30\n")
        #expect(parse.problems == [problem(2, "joined", .dateBeforeFounding("1921-06-30"))])
    }

    @Test("a repeated member id names the line of its first occurrence; the first row is kept")
    func duplicateMemberID() {
        let parse = parse(header + "A1,张伟,B1,,\nA2,李娜,B1,,\n\nA1,王芳,B2,,\n")
        #expect(parse.rows.map(\.line) == [2, 3])
        #expect(parse.problems == [problem(5, "member_id", .duplicateMemberID(firstLine: 2))])
        #expect(parse.problems[0].description == "line 5: column member_id: duplicate member id, first used on line 2")
    }

    @Test("every bad value of a row is reported, in the order of the columns")
    func severalProblemsInOneRow() {
        let parse = parse(header + "A 1,,B1,cadre,1900-01-01\n")
        #expect(parse.problems == [
            problem(2, "member_id", .invalidMemberID("A 1")),
            problem(2, "name", .emptyField),
            problem(2, "categories", .unknownCategory("cadre")),
            problem(2, "joined", .dateBeforeFounding("1900-01-01")),
        ])
    }

    @Test("a file mixing good and bad rows gives both lists, in file order")
    func mixedFile() {
        let parse = parse(
            header + "A1,张伟,B1,村,2001-07-01\nA2,,B1,,\nA3,李娜,B1,farmer,\nA4,王芳,B2,,\nA5,刘洋,B2,,2020-02-30\n")
        #expect(parse.rows.map(\.memberID) == ["A1", "A4"])
        #expect(parse.problems.map(\.line) == [3, 4, 6])
    }

    @Test("a row spanning lines is reported at the line where it starts")
    func problemInMultilineRow() {
        let parse = parse(header + "A1,\"张\n伟\",B1,,\nA2,\"李\n娜\",B1,farmer,\n")
        #expect(parse.rows.map(\.line) == [2])
        #expect(parse.problems == [problem(4, "categories", .unknownCategory("farmer"))])
    }

    @Test("long or odd values are cut and escaped in descriptions")
    func descriptionsEscape() {
        let text = RosterProblem(line: 3, column: "", reason: .invalidMemberID(String(repeating: "x", count: 50) + "\"\n"))
            .description
        #expect(text == "line 3: column \"\": invalid member id \"" + String(repeating: "x", count: 40)
            + "…\" (1–32 ASCII letters, digits, - or _)")
    }
}
