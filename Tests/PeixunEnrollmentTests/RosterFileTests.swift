import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import Testing

/// The bytes of a roster file written as text.
func rosterBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// 00:00 China time (UTC+8) of a day, counted independently of the parser from a known anchor.
func midnightChina(daysSinceEpoch days: Int64) -> WireTimestamp {
    WireTimestamp(microsecondsSinceEpoch: days * 86_400_000_000 - 8 * 3_600_000_000)
}

@Suite("Roster file: valid files")
struct RosterFileTests {
    @Test("a plain file with Chinese names gives one row per line, in order, with its line")
    func plainFile() {
        let parse = RosterFile.parse(
            rosterBytes(
                """
                member_id,name,branch_code,categories,joined
                ZS-0001,张伟,ZS-NL-01,village;branch_secretary,1998-07-01
                ZS-0002,欧阳娜娜,ZS-NL-01,,

                """))
        #expect(parse.problems == [])
        #expect(
            parse.rows == [
                RosterRow(
                    line: 2, memberID: "ZS-0001", name: "张伟", branchCode: "ZS-NL-01",
                    categories: [.village, .branchSecretary],
                    joined: midnightChina(daysSinceEpoch: 10_408)),  // 1998-07-01
                RosterRow(line: 3, memberID: "ZS-0002", name: "欧阳娜娜", branchCode: "ZS-NL-01"),
            ])
    }

    @Test("a UTF-8 byte order mark and CRLF line ends are accepted")
    func bomAndCRLF() {
        let parse = RosterFile.parse(
            [0xEF, 0xBB, 0xBF] + rosterBytes("member_id,name,branch_code\r\nA1,张伟,B1\r\nA2,李娜,B1\r\n"))
        #expect(parse.problems == [])
        #expect(parse.rows.map(\.memberID) == ["A1", "A2"])
        #expect(parse.rows.map(\.name) == ["张伟", "李娜"])
        #expect(parse.rows.map(\.branchCode) == ["B1", "B1"])
    }

    @Test("a quoted name with a comma and a line break is one field, and the next row keeps its physical line")
    func quotedFieldSpanningLines() {
        let parse = RosterFile.parse(
            rosterBytes("member_id,name,branch_code\nA1,\"欧阳,\n娜娜\",B1\nA2,\"say \"\"hi\"\"\",B1\n"))
        #expect(parse.problems == [])
        #expect(parse.rows.map(\.name) == ["欧阳,\n娜娜", "say \"hi\""])
        #expect(parse.rows.map(\.line) == [2, 4])
    }

    @Test("columns may come in any order, in any case, with spaces around the names")
    func columnsInAnyOrder() {
        let parse = RosterFile.parse(
            rosterBytes(" Joined ,BRANCH_CODE, name,Member_ID\n2001-02-03,B7,王芳,M-9\n"))
        #expect(parse.problems == [])
        #expect(
            parse.rows == [
                RosterRow(
                    line: 2, memberID: "M-9", name: "王芳", branchCode: "B7",
                    joined: midnightChina(daysSinceEpoch: 11_356))  // 2001-02-03
            ])
    }

    @Test("optional columns may be left out: no categories and an unknown join date")
    func optionalColumnsMissing() {
        let parse = RosterFile.parse(rosterBytes("member_id,name,branch_code\nA1,张伟,B1"))
        #expect(parse.problems == [])
        #expect(parse.rows == [RosterRow(line: 2, memberID: "A1", name: "张伟", branchCode: "B1")])
    }

    @Test("blank lines are ignored but still counted in line numbers")
    func blankLines() {
        let parse = RosterFile.parse(rosterBytes("\nmember_id,name,branch_code\n\n   \nA1,张伟,B1\n\n"))
        #expect(parse.problems == [])
        #expect(parse.rows.map(\.line) == [5])
    }

    @Test("values are trimmed of surrounding spaces, quoted or not")
    func valuesTrimmed() {
        let parse = RosterFile.parse(rosterBytes("member_id,name,branch_code\n  A1 ,\" 张伟　\", B1\n"))
        #expect(parse.rows.map(\.memberID) == ["A1"])
        #expect(parse.rows.map(\.name) == ["张伟"])
        #expect(parse.rows.map(\.branchCode) == ["B1"])
    }

    @Test("categories in English or Chinese map to member categories, sorted and without repeats")
    func categoriesMapped() {
        let parse = RosterFile.parse(
            rosterBytes(
                """
                member_id,name,branch_code,categories
                A1,张伟,B1,branch_secretary; 村 ;Village;new_member;
                A2,李娜,B1,社区;机关；企业;三年内新入党;党组织书记
                A3,王芳,B1,ORGAN;organ
                A4,陈静,B1,committee_member;党委委员
                """))
        #expect(parse.problems == [])
        #expect(
            parse.rows.map(\.categories) == [
                [.village, .joinedWithinThreeYears, .branchSecretary],
                [.community, .organ, .enterprise, .joinedWithinThreeYears, .branchSecretary],
                [.organ],
                [.committeeMember],
            ])
    }

    @Test("a join date becomes 00:00 China time of that day, leap days and the founding day included")
    func joinDates() {
        let parse = RosterFile.parse(
            rosterBytes(
                """
                member_id,name,branch_code,joined
                A1,张伟,B1,1921-07-01
                A2,李娜,B1,2000-02-29
                A3,王芳,B1,1970-01-01
                """))
        #expect(parse.problems == [])
        #expect(
            parse.rows.map(\.joined) == [
                midnightChina(daysSinceEpoch: -17_716),
                midnightChina(daysSinceEpoch: 11_016),
                midnightChina(daysSinceEpoch: 0),
            ])
        #expect(parse.rows.first?.joined?.description == "1921-06-30T16:00:00.000000Z", "1921-07-01 00:00 in China")
    }

    @Test("a header without rows is a valid, empty roster")
    func headerOnly() {
        let parse = RosterFile.parse(rosterBytes("member_id,name,branch_code\n"))
        #expect(parse.rows == [])
        #expect(parse.problems == [])
    }

    @Test("a name of exactly 64 Chinese characters is accepted")
    func nameAtLimit() {
        let name = String(repeating: "张", count: 64)
        let parse = RosterFile.parse(rosterBytes("member_id,name,branch_code\nA1,\(name),B1\n"))
        #expect(parse.problems == [])
        #expect(parse.rows.map(\.name) == [name])
    }

    @Test("member ids and branch codes of 32 characters of letters, digits, - and _ are accepted")
    func codesAtLimit() {
        let code = "aZ09-_" + String(repeating: "x", count: 26)
        let parse = RosterFile.parse(rosterBytes("member_id,name,branch_code\n\(code),张伟,\(code)\n"))
        #expect(parse.problems == [])
        #expect(parse.rows.map(\.memberID) == [code])
    }
}
