import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

@Suite("Publishing a monthly report (PublishMonthlyReport)")
struct PublicationTests {
    let fixture: ReportingFixture

    init() throws {
        fixture = try ReportingFixture()
        try World.registerTree(fixture)
        let classID = World.id(3, 1), periodID = World.id(4, 1)
        try World.schedule(fixture, classID: classID, code: "XL-01", name: "2026年农村党员轮训班", periodID: periodID,
                           start: World.time(3, 9), at: World.time(3, 2))
        try World.complete(fixture, World.zhangWei, periodID: periodID, classID: classID, at: World.time(3, 12))
    }

    @Test("a month that is over is published once, as the report the query shows")
    func publishesOnce() throws {
        let outcome = try fixture.run(PublishMonthlyReport(organisationCode: "442000-XL", month: "2026-03"), at: World.time(4, 1, 8))
        guard case .accepted(let result) = outcome else { Issue.record("refused: \(outcome)"); return }
        let published = try MonthlyReportPublished(decoding: result)
        #expect(try fixture.published() == [published])
        let view = try fixture.monthly("442000-XL", "2026-03")
        #expect(view.published)
        #expect(try view.report.bytes() == published.report.bytes())
        #expect(published.report.memberTrainings == 1)

        let again = try fixture.run(PublishMonthlyReport(organisationCode: "442000-XL", month: "2026-03"), at: World.time(4, 2))
        #expect(again == .rejected(code: "report.alreadyPublished", message: "the report of 小榄镇 (442000-XL) for 2026-03 was published at 2026-04-01 08:00"))
        #expect(try fixture.published().count == 1)
    }

    @Test("a month that is not over is refused and writes nothing")
    func monthNotOver() throws {
        let outcome = try fixture.run(PublishMonthlyReport(organisationCode: "442000-XL", month: "2026-03"), at: World.time(3, 31, 23, 59))
        #expect(outcome == .rejected(
            code: "report.monthNotOver",
            message: "the report of 小榄镇 (442000-XL) for 2026-03 can be published from 2026-04-01 00:00, China time"))
        #expect(try fixture.published().isEmpty)
        #expect(try fixture.monthly("442000-XL", "2026-03").published == false)
    }

    @Test("an unknown organisation or a malformed month is refused with its code", arguments: [
        ("999", "2026-03", "organisation.unknown"), ("442000-XL", "2026/03", "report.invalidMonth"),
    ])
    func refusals(code: String, month: String, expected: String) throws {
        guard case .rejected(let refusal, _) = try fixture.run(PublishMonthlyReport(organisationCode: code, month: month), at: World.time(5, 1))
        else { Issue.record("accepted"); return }
        #expect(refusal == expected)
    }
}
