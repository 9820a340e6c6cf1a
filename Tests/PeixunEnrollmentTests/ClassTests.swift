import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// Classes (班次), their periods (期) and the plan they run under.
@Suite("Classes and periods")
struct ClassTests {
    @Test("a class without a plan is accepted and flagged unfiled")
    func unfiledIsFlagged() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        let scheduled = try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 2, capacity: 50)])
        #expect(scheduled.planStatus == .unfiled)
        #expect(scheduled.warnings.map(\.code) == ["class.unfiledPlan"])
        #expect(scheduled.periods.map(\.number) == [1])
        #expect(try fixture.events(ClassScheduled.self) == [scheduled])
    }

    @Test("a class under a filed plan is flagged until the superior acknowledges the plan")
    func filedThenAcknowledged() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        _ = try fixture.accept(PlanTests.plan("P-CITY", by: "442000", level: .city), as: PlanFiled.self)
        let scheduled = try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 2, capacity: 50)], plan: "P-CITY")
        #expect(scheduled.planStatus == .filed)
        #expect(scheduled.warnings.map(\.code) == ["class.planNotAcknowledged"])
        _ = try fixture.accept(AcknowledgePlan(planCode: "P-CITY", byOrganisationCode: "442000"), as: PlanAcknowledged.self)
        let warnings = try fixture.store.read { db in try ClassWarnings.current(classID: scheduled.trainingClass, in: db) }
        #expect(warnings.isEmpty)
    }

    @Test("a plan covers classes of its organisation and those below it, not others")
    func planMustCover() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        _ = try fixture.accept(PlanTests.plan("P-XL", by: "442000-XL", level: .grassroots), as: PlanFiled.self)
        let refusal = try fixture.rejection(
            ScheduleClass(code: "C-1", name: "培训班", organiserCode: "442000-DX", planCode: "P-XL", periods: [Training.period(days: 0, 1, capacity: 5)]))
        #expect(refusal.code == "class.planNotCovering")
        #expect(try fixture.rejection(
            ScheduleClass(code: "C-1", name: "培训班", organiserCode: "442000-DX", planCode: "P-NONE", periods: [Training.period(days: 0, 1, capacity: 5)])).code == "plan.unknown")
        #expect(try fixture.count("classes") == 0)
    }

    @Test("periods are numbered in order and must have times in order and a capacity", arguments: [
        ([], "class.invalidPeriods"),
        ([PeriodSpec(start: Training.day(1), end: Training.day(0), capacity: 5)], "period.invalidTimes"),
        ([Training.period(days: 0, 1, capacity: 0)], "period.invalidCapacity"),
    ])
    func periodRules(periods: [PeriodSpec], code: String) throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        let refusal = try fixture.rejection(ScheduleClass(code: "C-1", name: "培训班", organiserCode: "442000-DX", periods: periods))
        #expect(refusal.code == code)
        #expect(try fixture.count("classes") == 0 && fixture.count("periods") == 0)
    }

    @Test("a class with a completion exam announces its pass mark (0–100) for scoring")
    func examPassMark() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        let scheduled = try fixture.accept(
            ScheduleClass(code: "C-1", name: "村干部冬训班", organiserCode: "442000-DX", periods: [Training.period(days: 0, 1, capacity: 5)], examPassMark: 60),
            as: ClassScheduled.self)
        #expect(scheduled.examPassMark == 60)
        #expect(try fixture.scheduleClass("C-2", periods: [Training.period(days: 0, 1, capacity: 5)]).examPassMark == nil)
        #expect(try fixture.rejection(
            ScheduleClass(code: "C-3", name: "培训班", organiserCode: "442000-DX", periods: [Training.period(days: 0, 1, capacity: 5)], examPassMark: 101)).code == "class.invalidPassMark")
    }

    @Test("completion needs 80% of lessons unless the class says otherwise, 1–100%")
    func completionRule() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        #expect(try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 1, capacity: 5)]).completionPercent == 80)
        #expect(try fixture.scheduleClass("C-2", periods: [Training.period(days: 0, 1, capacity: 5)], completionPercent: 100).completionPercent == 100)
        #expect(try fixture.rejection(
            ScheduleClass(code: "C-3", name: "培训班", organiserCode: "442000-DX", completionPercent: 101, periods: [Training.period(days: 0, 1, capacity: 5)])).code == "class.invalidCompletion")
    }
}

/// Lessons: booking instructors and venues, and the content rules on the class.
@Suite("Lessons")
struct LessonTests {
    static func world() throws -> EnrollmentFixture {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 4, capacity: 50)])
        try fixture.scheduleClass("C-2", name: "2024年乡村振兴专题培训班", periods: [Training.period(days: 0, 4, capacity: 50)])
        return fixture
    }

    @Test("a scheduled lesson carries its course, instructor, venue and class in LessonScheduled")
    func scheduled() throws {
        let fixture = try Self.world()
        let booked = try fixture.lesson("C-1", start: Training.day(0))
        let event = try #require(fixture.events(LessonScheduled.self).first)
        #expect(event.lesson == booked.lesson)
        #expect(event.courseName == "习近平新时代中国特色社会主义思想概论" && event.courseCode == "GT-01")
        #expect(event.instructorName == "李娜" && event.instructorCode == "T-01")
        #expect(event.venue.name == "市委党校101教室" && event.venue.code == "DX-101")
        #expect(event.module == .politicalTheory && event.creditHours == 2)
    }

    @Test("booking an instructor for an overlapping lesson is refused, naming the other lesson")
    func doubleBooking() throws {
        let fixture = try Self.world()
        try fixture.lesson("C-1", start: Training.day(1))
        let refusal = try fixture.rejection(fixture.lessonCommand("C-2", course: "RV-01", start: Training.day(1, hour: 1)))
        #expect(refusal.code == "instructor.doubleBooked")
        #expect(refusal.message.contains("李娜") && refusal.message.contains("2024年村（社区）党组织书记培训班"))
        #expect(try fixture.count("lessons") == 1)
    }

    @Test("back-to-back lessons of one instructor, or overlapping lessons of two, are fine")
    func noOverlap() throws {
        let fixture = try Self.world()
        try fixture.lesson("C-1", start: Training.day(1), hours: 2)
        try fixture.lesson("C-2", course: "RV-01", start: Training.day(1, hour: 2))
        try fixture.lesson("C-2", course: "GT-02", instructor: "T-02", start: Training.day(1, hour: 1))
        #expect(try fixture.count("lessons") == 3)
    }

    @Test("a lesson lies within its period")
    func withinPeriod() throws {
        let fixture = try Self.world()
        #expect(try fixture.rejection(fixture.lessonCommand("C-1", start: Training.day(5))).code == "lesson.outsidePeriod")
        #expect(try fixture.rejection(fixture.lessonCommand("C-1", period: 2, start: Training.day(1))).code == "period.unknown")
    }

    @Test("only a live lesson has branch venues, each with its own code")
    func branchVenues() throws {
        let fixture = try Self.world()
        let branch = VenueSpec(code: "XL-1", name: "小榄镇分会场", capacity: 80)
        #expect(try fixture.rejection(fixture.lessonCommand("C-1", start: Training.day(1), branches: [branch])).code == "lesson.branchVenuesNotLive")
        #expect(try fixture.rejection(
            fixture.lessonCommand("C-1", course: "LV-01", start: Training.day(1), branches: [branch, branch])).code == "lesson.duplicateVenue")
        try fixture.lesson("C-1", course: "LV-01", start: Training.day(1), branches: [branch])
        let event = try #require(fixture.events(LessonScheduled.self).first)
        #expect(event.branchVenues.map(\.name) == ["小榄镇分会场"])
        #expect(try fixture.count("lesson_venues") == 2)
    }

    @Test("a period whose first lesson is not political theory is flagged")
    func firstLessonRule() throws {
        let fixture = try Self.world()
        let first = try fixture.lesson("C-2", course: "RV-01", start: Training.day(0, hour: 1))
        #expect(first.warnings.map(\.code).contains("class.firstLessonNotPoliticalTheory"))
        // An earlier political-theory lesson becomes the first: the warning goes.
        let earlier = try fixture.lesson("C-2", course: "GT-01", start: Training.day(0), hours: 1)
        #expect(!earlier.warnings.map(\.code).contains("class.firstLessonNotPoliticalTheory"))
    }

    @Test("fewer than two thirds political-theory lessons is flagged")
    func shareRule() throws {
        let fixture = try Self.world()
        #expect(!(try fixture.lesson("C-1", course: "GT-01", start: Training.day(0))).warnings.map(\.code).contains("class.politicalTheoryShare"))
        let half = try fixture.lesson("C-1", course: "RV-01", start: Training.day(1))
        let warning = try #require(half.warnings.first { $0.code == "class.politicalTheoryShare" })
        #expect(warning.message.contains("1 of 2 lessons"))
        let twoThirds = try fixture.lesson("C-1", course: "GT-02", start: Training.day(2))
        #expect(!twoThirds.warnings.map(\.code).contains("class.politicalTheoryShare"))
    }
}
