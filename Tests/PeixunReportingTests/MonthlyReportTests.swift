import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

@Suite("The monthly report (月报告) of an organisation")
struct MonthlyReportTests {
    let fixture: ReportingFixture
    let planID = World.id(7, 1)
    let classID = World.id(3, 1), periodID = World.id(4, 1)
    let lessonA = World.id(6, 1), lessonB = World.id(6, 2)

    /// In March: a grassroots plan filed, a class with one period and two lessons, three seats
    /// (one from the waitlist), one waitlist place, two completions, scores.
    init() throws {
        fixture = try ReportingFixture()
        try World.registerTree(fixture)
        try fixture.apply(
            PlanFiled(plan: planID, code: "P-XL", organisation: World.town, organisationCode: "442000-XL", level: .grassroots,
                      year: 2026, title: "小榄镇2026年党员教育培训计划", plannedClasses: 2, plannedPeriods: 2, plannedTrainees: 4),
            at: World.time(3, 1))
        try fixture.apply(
            PlanFiled(plan: World.id(7, 2), code: "P-ZS", organisation: World.city, organisationCode: "442000", level: .city,
                      year: 2026, title: "中山市2026年党员教育培训计划"),
            at: World.time(3, 1))
        try World.schedule(fixture, classID: classID, code: "XL-01", name: "2026年农村党员轮训班", plan: planID,
                           periodID: periodID, start: World.time(3, 9), at: World.time(3, 2))
        try World.lesson(fixture, lessonA, classID: classID, periodID: periodID, start: World.time(3, 9), at: World.time(3, 2))
        try World.lesson(fixture, lessonB, classID: classID, periodID: periodID, start: World.time(3, 10), at: World.time(3, 2))
        for (n, member, waitlisted) in [(1, World.zhangWei, false), (2, World.wangFang, false), (3, World.liQiang, true)] {
            try fixture.apply(
                MemberEnrolled(enrollment: World.id(5, UInt64(n)), member: member, period: periodID, trainingClass: classID,
                               organisation: World.villageA, seat: 1, waitlisted: waitlisted),
                at: World.time(3, 3))
        }
        try fixture.apply(
            WaitlistPromoted(enrollment: World.id(5, 3), member: World.liQiang, period: periodID, trainingClass: classID, seat: 2),
            at: World.time(3, 4))
        try World.checkIn(fixture, lessonA, World.zhangWei, at: World.time(3, 9, 9, 1), source: "kiosk-1")
        try World.checkIn(fixture, lessonA, World.wangFang, at: World.time(3, 9, 9, 7), source: "kiosk-1")
        try World.complete(fixture, World.zhangWei, periodID: periodID, classID: classID, at: World.time(3, 12))
        try World.complete(fixture, World.wangFang, periodID: periodID, classID: classID, at: World.time(3, 12))
        for (n, excellent) in [(1, true), (2, true), (3, false), (4, true)] {
            try fixture.apply(
                ScoreRecorded(score: World.id(8, UInt64(n)), lesson: lessonA, organiser: World.town, trainingClass: classID,
                              period: periodID, excellent: excellent),
                at: World.time(3, 9, 12), from: "scoring")
        }
        try fixture.apply(
            CompletionConfirmed(member: World.zhangWei, period: periodID, trainingClass: classID, organiser: World.town, year: 2026),
            at: World.time(3, 12, 10), from: "scoring")
    }

    @Test("counts plans filed by level, classes, periods, lessons scheduled and held, seats, trainings and members trained")
    func figures() throws {
        let report = try fixture.monthly("442000", "2026-03").report
        #expect(report.organisationName == "中山市")
        #expect(report.month == "2026-03")
        #expect((report.cityPlansFiled, report.countyPlansFiled, report.grassrootsPlansFiled) == (1, 0, 1))
        #expect((report.classes, report.periods) == (1, 1))
        #expect((report.lessonsScheduled, report.lessonsHeld) == (2, 1), "a lesson without a check-in was not held")
        #expect(report.enrollments == 3, "two seats taken at enrollment, one from the waitlist; a waitlist place is no seat")
        #expect((report.memberTrainings, report.uniqueMembersTrained) == (2, 2))
        #expect(report.completionsConfirmed == 1)
        #expect(report.coverage.first?.trainedMembers == 2)
        #expect(report.coverageChange == 2)
    }

    @Test("the excellence rate is the share of excellent instructor scores, per school and in all")
    func excellenceRate() throws {
        let report = try fixture.monthly("442000-XL", "2026-03").report
        #expect((report.scores, report.excellentScores, report.excellenceRate) == (4, 3, 0.75))
        #expect(report.schools.map(\.name) == ["小榄镇"])
        #expect(report.schools.first?.excellenceRate == 0.75)
    }

    @Test("plans of the year show planned against delivered classes, periods and trainees")
    func planVariance() throws {
        let plans = try fixture.monthly("442000-XL", "2026-03").report.plans
        #expect(plans.map(\.code) == ["P-XL"])
        let plan = try #require(plans.first)
        #expect((plan.plannedClasses, plan.deliveredClasses) == (2, 1))
        #expect((plan.plannedPeriods, plan.deliveredPeriods) == (2, 1))
        #expect((plan.plannedTrainees, plan.deliveredTrainees) == (4, 2))
        #expect(try fixture.monthly("442000-XL", "2026-03").report.flags.allSatisfy { $0.kind != .planVariance },
                "variance is progress, not a flag, before the plan's year is over")
    }

    @Test("a month's report is made of events committed in it: the next month starts from zero, coverage carries over")
    func nextMonth() throws {
        let april = try fixture.monthly("442000", "2026-04").report
        #expect((april.classes, april.lessonsScheduled, april.enrollments, april.memberTrainings, april.scores) == (0, 0, 0, 0, 0))
        #expect(april.coverage.first?.trainedMembers == 2)
        #expect(april.coverageChange == 0)
    }

    @Test("events committed after the month ends do not change its report")
    func laterEventsDoNotChangeAClosedMonth() throws {
        let before = try fixture.monthly("442000", "2026-03").report.bytes()
        try World.complete(fixture, World.liQiang, periodID: periodID, classID: classID, at: World.time(4, 1, 0, 0))
        try World.checkIn(fixture, lessonB, World.liQiang, at: World.time(4, 1, 0, 1), source: "late-entry")
        #expect(try fixture.monthly("442000", "2026-03").report.bytes() == before)
        #expect(try fixture.monthly("442000", "2026-04").report.memberTrainings == 1)
    }

    @Test("a report for a branch counts only what is in and below it")
    func branchScope() throws {
        let village = try fixture.monthly("442000-XL-02", "2026-03").report
        #expect(village.coverage.map(\.code) == ["442000-XL-02"])
        #expect((village.memberTrainings, village.enrollments) == (1, 1), "王芳 only")
        #expect(village.classes == 0, "the class is the town's")
    }

    @Test("a month that is not YYYY-MM is refused")
    func invalidMonth() throws {
        for month in ["2026-3", "2026-13", "26-03", "二〇二六-03"] {
            let outcome = try fixture.answer(ShowMonthlyReport(organisationCode: "442000", month: month))
            guard case .rejected(let code, _) = outcome else { Issue.record("\(month) accepted"); continue }
            #expect(code == "report.invalidMonth")
        }
    }

    @Test("the same events applied to a new store give the same report, byte for byte")
    func rebuildGivesTheSameReport() throws {
        let rebuilt = try ReportingFixture()
        for event in fixture.applied { try rebuilt.apply(event) }
        for (code, month) in [("442000", "2026-03"), ("442000-XL-01", "2026-03"), ("442000", "2026-04")] {
            #expect(try rebuilt.monthly(code, month).encoded() == fixture.monthly(code, month).encoded())
        }
        #expect(try rebuilt.flags(nil) == fixture.flags(nil))
    }
}
