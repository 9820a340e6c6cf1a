import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

@Suite("The projection and the request paths")
struct ProjectionTests {
    @Test("events reporting does not use (exam results, instructor ratings, acknowledgements, cancellations) change no report")
    func unusedEventsAreSkipped() throws {
        let fixture = try ReportingFixture()
        try World.registerTree(fixture)
        let before = try fixture.monthly("442000", "2026-03").encoded()
        try fixture.apply(PlanAcknowledged(plan: World.id(7, 1), code: "P-XL"), at: World.time(3, 2))
        try fixture.apply(
            EnrollmentCancelled(enrollment: World.id(5, 1), member: World.zhangWei, period: World.id(4, 1), reason: "工作冲突"),
            at: World.time(3, 3))
        try fixture.apply(ExamRecorded(member: World.zhangWei, period: World.id(4, 1), score: 91, passed: true), at: World.time(3, 4), from: "scoring")
        try fixture.apply(InstructorRatingUpdated(instructor: World.id(9, 2), raters: 5, excellentShare: 0.8, scores: 5), at: World.time(3, 4), from: "scoring")
        #expect(try fixture.monthly("442000", "2026-03").encoded() == before)
    }

    @Test("a roster member's name and categories come from MemberRegistered: Chinese names intact, secretaries known")
    func rosterFromEvents() throws {
        let fixture = try ReportingFixture()
        try World.registerTree(fixture)
        let secretaries = try fixture.flags("442000-XL-01").filter { $0.kind == .secretaryWithoutFallback }
        #expect(secretaries.map(\.subjectName) == ["张伟"])
        #expect(secretaries.first?.detail == "截至2026年底，党组织书记2026年未完成面向书记的兜底培训")
    }

    @Test("a command or query that is not the reporting service's is refused with a stable code")
    func unknownRequests() throws {
        let fixture = try ReportingFixture()
        guard case .rejected(let command, _) = try fixture.run(ShowCoverage(organisationCode: "442000", year: 2026), at: World.time(3, 1))
        else { Issue.record("accepted"); return }
        #expect(command == "command.unknown")
        guard case .rejected(let query, _) = try fixture.answer(PublishMonthlyReport(organisationCode: "442000", month: "2026-03"))
        else { Issue.record("answered"); return }
        #expect(query == "query.unknown")
        guard case .rejected(let year, let message) = try fixture.answer(ShowCoverage(organisationCode: "442000", year: 1999))
        else { Issue.record("answered"); return }
        #expect(year == "report.invalidYear")
        #expect(message == "year 1999 is outside 2000–2100")
    }
}
