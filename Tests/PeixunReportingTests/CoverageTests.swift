import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

@Suite("Coverage: members trained this year over members on the roster, rolled up the tree")
struct CoverageTests {
    let fixture: ReportingFixture
    let classID = World.id(3, 1), periodID = World.id(4, 1)

    init() throws {
        fixture = try ReportingFixture()
        try World.registerTree(fixture)
        try World.schedule(fixture, classID: classID, code: "XL-01", name: "2026年农村党员轮训班", periodID: periodID,
                           start: World.time(3, 2), at: World.time(2, 20))
    }

    @Test("an organisation's coverage counts the members of every branch below it")
    func rollsUpTheTree() throws {
        try World.complete(fixture, World.zhangWei, periodID: periodID, classID: classID, at: World.time(3, 5))
        try World.complete(fixture, World.wangFang, periodID: periodID, classID: classID, at: World.time(3, 5))
        let rows = try fixture.ask(ShowCoverage(organisationCode: "442000", year: 2026), as: CoverageView.self).rows
        #expect(rows.map(\.code) == ["442000", "442000-DX", "442000-XL", "442000-XL-01", "442000-XL-02"])
        #expect(rows.map(\.depth) == [0, 1, 1, 2, 2])
        #expect(rows.map(\.rosterMembers) == [5, 0, 5, 3, 2])
        #expect(rows.map(\.trainedMembers) == [2, 0, 2, 1, 1])
        #expect(rows[0].coverage == 0.4)
        #expect(rows[3].coverage == 1.0 / 3.0)
        #expect(rows[4].name == "绩东一社区党委")
    }

    @Test("enrolling or checking in is not being trained: only a completed period counts")
    func enrollmentIsNotTraining() throws {
        try fixture.apply(
            MemberEnrolled(enrollment: World.id(5, 1), member: World.liQiang, period: periodID, trainingClass: classID,
                           organisation: World.villageA, seat: 1),
            at: World.time(3, 1))
        let lessonID = World.id(6, 1)
        try World.lesson(fixture, lessonID, classID: classID, periodID: periodID, start: World.time(3, 2), at: World.time(2, 21))
        try World.checkIn(fixture, lessonID, World.liQiang, at: World.time(3, 2, 9, 5), source: "kiosk-1")
        let town = try fixture.ask(ShowCoverage(organisationCode: "442000-XL", year: 2026), as: CoverageView.self).rows[0]
        #expect(town.trainedMembers == 0)
        #expect(town.rosterMembers == 5)
    }

    @Test("a period completed for another training year does not count for this one")
    func otherYearDoesNotCount() throws {
        try World.complete(fixture, World.liQiang, periodID: periodID, classID: classID, year: 2025, at: World.time(1, 10))
        let rows2026 = try fixture.ask(ShowCoverage(organisationCode: "442000-XL", year: 2026), as: CoverageView.self).rows
        #expect(rows2026[0].trainedMembers == 0)
        let rows2025 = try fixture.ask(ShowCoverage(organisationCode: "442000-XL", year: 2025), as: CoverageView.self).rows
        // Members registered in 2026 are not on the 2025 roster (as of the end of 2025).
        #expect(rows2025[0].rosterMembers == 0)
    }

    @Test("an unknown organisation is refused with its code")
    func unknownOrganisation() throws {
        let outcome = try fixture.answer(ShowCoverage(organisationCode: "999999", year: 2026))
        #expect(outcome == .rejected(code: "organisation.unknown", message: "there is no organisation with code 999999"))
    }
}
