import PeixunCodec
import PeixunMessages
import PeixunReporting
import Testing

@Suite("CSV exports")
struct ReportCSVTests {
    @Test("coverage as CSV: a header, one row per organisation, Chinese names as is, shares with four decimals")
    func coverage() {
        let csv = ReportCSV.coverage([
            CoverageRow(code: "442000-XL", name: "小榄镇", depth: 0, rosterMembers: 3, trainedMembers: 1, coverage: 1.0 / 3.0),
            CoverageRow(code: "442000-XL-01", name: "永宁社区党委", depth: 1, rosterMembers: 0, trainedMembers: 0, coverage: 0),
        ])
        #expect(csv == "code,name,depth,roster_members,trained_members,coverage\r\n442000-XL,小榄镇,0,3,1,0.3333\r\n442000-XL-01,永宁社区党委,1,0,0,0.0000\r\n")
    }

    @Test("flags as CSV quote fields holding commas and quotes, times in China time")
    func flags() {
        let csv = ReportCSV.flags([
            Flag(kind: .missedTraining, subjectCode: "GD-0002", subjectName: "欧阳, 娜娜", organisationCode: "442000-XL-01",
                 at: World.time(4, 1, 0, 0), detail: "未完成\"任何\"培训"),
        ])
        #expect(csv == "kind,organisation_code,subject_code,subject_name,at,detail\r\nmissed-training,442000-XL-01,GD-0002,\"欧阳, 娜娜\",2026-04-01T00:00:00+08:00,\"未完成\"\"任何\"\"培训\"\r\n")
    }

    @Test("the monthly report as CSV: one figure a row, headline first, then coverage and flags")
    func monthly() {
        let report = MonthlyReport(
            organisationCode: "442000-XL", organisationName: "小榄镇", month: "2026-03", classes: 2, memberTrainings: 7,
            coverage: [CoverageRow(code: "442000-XL", name: "小榄镇", rosterMembers: 10, trainedMembers: 7, coverage: 0.7)],
            coverageChange: -1,
            flags: [Flag(kind: .checkInBurst, subjectCode: "ZZ-01", subjectName: "政治理论", detail: "集中签到")])
        let lines = ReportCSV.monthly(report).split(separator: "\r\n").map(String.init)
        #expect(lines.first == "section,code,name,figure,value")
        #expect(lines.contains("report,442000-XL,小榄镇,month,2026-03"))
        #expect(lines.contains("report,442000-XL,小榄镇,classes,2"))
        #expect(lines.contains("report,442000-XL,小榄镇,coverageChange,-1"))
        #expect(lines.contains("coverage,442000-XL,小榄镇,coverage,0.7000"))
        #expect(lines.last == "flag,ZZ-01,政治理论,check-in-burst,集中签到")
    }
}
