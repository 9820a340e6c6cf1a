import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// Enrolling members into periods.
@Suite("Enrollment")
struct EnrollmentRuleTests {
    /// Class C-1 (week one, 2 seats, open to all) with one political-theory lesson; C-2 for
    /// village members only (week two); C-3 overlapping C-1.
    static func world() throws -> EnrollmentFixture {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 2, capacity: 2)])
        try fixture.scheduleClass("C-2", name: "村干部专题班", periods: [Training.period(days: 7, 9, capacity: 30)], targets: [.village, .branchSecretary])
        try fixture.scheduleClass("C-3", name: "党务工作者培训班", periods: [Training.period(days: 1, 3, capacity: 30)])
        try fixture.lesson("C-1", start: Training.day(0))
        return fixture
    }

    @Test("enrolling answers MemberEnrolled with a seat, names and categories, and publishes it")
    func enrolls() throws {
        let fixture = try Self.world()
        let enrolled = try fixture.enroll("GD-0001", in: "C-1")
        #expect(!enrolled.waitlisted && enrolled.seat == 1)
        #expect(enrolled.memberName == "张伟" && enrolled.className == "2024年村（社区）党组织书记培训班")
        #expect(enrolled.memberNumber == "GD-0001" && enrolled.periodNumber == 1)
        #expect(enrolled.categories == [.village, .branchSecretary])
        #expect(try fixture.events(MemberEnrolled.self) == [enrolled])
    }

    @Test("a full period puts members on its waitlist, in order")
    func capacityAndWaitlist() throws {
        let fixture = try Self.world()
        #expect(try fixture.enroll("GD-0001", in: "C-1").seat == 1)
        #expect(try fixture.enroll("GD-0002", in: "C-1").seat == 2)
        let third = try fixture.enroll("GD-0003", in: "C-1")
        let fourth = try fixture.enroll("GD-0004", in: "C-1")
        #expect(third.waitlisted && third.seat == 1)
        #expect(fourth.waitlisted && fourth.seat == 2)
    }

    @Test("cancelling a seat promotes the first of the waitlist into it, announced by WaitlistPromoted")
    func cancellationPromotes() throws {
        let fixture = try Self.world()
        try fixture.enroll("GD-0001", in: "C-1")
        try fixture.enroll("GD-0002", in: "C-1")
        let waiting = try fixture.enroll("GD-0003", in: "C-1")
        try fixture.enroll("GD-0004", in: "C-1")
        let cancellation = try fixture.accept(
            CancelEnrollment(memberNumber: "GD-0001", classCode: "C-1", periodNumber: 1, reason: "工作冲突"), as: EnrollmentCancellation.self)
        #expect(cancellation.promotedMemberNumber == "GD-0003")
        let promoted = try #require(fixture.events(WaitlistPromoted.self).first)
        #expect(promoted.enrollment == waiting.enrollment && promoted.seat == 1 && promoted.memberName == "李强")
        let cancelled = try #require(fixture.events(EnrollmentCancelled.self).first)
        #expect(cancelled.reason == "工作冲突" && !cancelled.wasWaitlisted)
    }

    @Test("cancelling from the waitlist promotes nobody; a cancelled member may enroll again")
    func waitlistCancellation() throws {
        let fixture = try Self.world()
        try fixture.enroll("GD-0001", in: "C-1")
        try fixture.enroll("GD-0002", in: "C-1")
        try fixture.enroll("GD-0003", in: "C-1")
        let cancellation = try fixture.accept(
            CancelEnrollment(memberNumber: "GD-0003", classCode: "C-1", periodNumber: 1), as: EnrollmentCancellation.self)
        #expect(cancellation.promotedMemberNumber == nil)
        #expect(try fixture.events(WaitlistPromoted.self).isEmpty)
        #expect(try fixture.enroll("GD-0003", in: "C-1").waitlisted)
        #expect(try fixture.rejection(CancelEnrollment(memberNumber: "GD-0005", classCode: "C-1", periodNumber: 1)).code == "enrollment.notEnrolled")
    }

    @Test("a seat freed with nobody waiting is given to the next member who enrolls")
    func freedSeatReused() throws {
        let fixture = try Self.world()
        try fixture.enroll("GD-0001", in: "C-1")
        try fixture.enroll("GD-0002", in: "C-1")
        _ = try fixture.accept(CancelEnrollment(memberNumber: "GD-0001", classCode: "C-1", periodNumber: 1), as: EnrollmentCancellation.self)
        let next = try fixture.enroll("GD-0003", in: "C-1")
        #expect(!next.waitlisted && next.seat == 1)
    }

    @Test("a member outside the class's target group is refused")
    func eligibility() throws {
        let fixture = try Self.world()
        let refusal = try fixture.rejection(Enroll(memberNumber: "GD-0002", classCode: "C-2", periodNumber: 1))
        #expect(refusal.code == "enrollment.notEligible")
        #expect(refusal.message.contains("欧阳娜娜") && refusal.message.contains("村干部专题班"))
        #expect(try fixture.enroll("GD-0004", in: "C-2").seat == 1)
    }

    @Test("enrolling in a period overlapping one the member is already in is refused, naming it")
    func overlappingPeriods() throws {
        let fixture = try Self.world()
        try fixture.enroll("GD-0001", in: "C-1")
        let refusal = try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-3", periodNumber: 1))
        #expect(refusal.code == "enrollment.overlappingPeriod")
        #expect(refusal.message.contains("2024年村（社区）党组织书记培训班"))
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-1", periodNumber: 1)).code == "enrollment.alreadyEnrolled")
        // Not overlapping: week two.
        try fixture.enroll("GD-0001", in: "C-2")
    }

    @Test("unknown members, classes and periods are refused by name")
    func unknowns() throws {
        let fixture = try Self.world()
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-9999", classCode: "C-1", periodNumber: 1)).code == "member.unknown")
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-9", periodNumber: 1)).code == "class.unknown")
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-1", periodNumber: 2)).code == "period.unknown")
        #expect(try fixture.count("enrollments") == 0)
    }

    /// GD-0001 completes C-1 (course GT-01) in week one; C-4 in week three teaches GT-01 again.
    static func completedWorld() throws -> EnrollmentFixture {
        let fixture = try world()
        try fixture.enroll("GD-0001", in: "C-1")
        _ = try fixture.accept(
            CheckIn(lesson: fixture.events(LessonScheduled.self)[0].lesson, memberNumber: "GD-0001", method: .roster), as: CheckInRecorded.self)
        _ = try fixture.accept(ClosePeriod(classCode: "C-1", periodNumber: 1), as: PeriodClosed.self)
        try fixture.scheduleClass("C-4", name: "小榄镇党员冬训班", periods: [Training.period(days: 14, 16, capacity: 30)])
        try fixture.lesson("C-4", start: Training.day(14))
        return fixture
    }

    @Test("enrolling in a course already completed this year is refused, naming the earlier class and its school")
    func duplicateTraining() throws {
        let fixture = try Self.completedWorld()
        let refusal = try fixture.rejection(Enroll(memberNumber: "GD-0001", classCode: "C-4", periodNumber: 1))
        #expect(refusal.code == "enrollment.duplicateTraining")
        #expect(refusal.message.contains("习近平新时代中国特色社会主义思想概论"))
        #expect(refusal.message.contains("2024年村（社区）党组织书记培训班") && refusal.message.contains("中山市委党校"))
        let event = try #require(fixture.events(DuplicateTrainingRefused.self).first, "the refusal is published")
        #expect(event.memberNumber == "GD-0001" && event.earlierSchoolName == "中山市委党校" && event.courseName == "习近平新时代中国特色社会主义思想概论")
        #expect(try fixture.count("enrollments") == 1, "only the first, completed enrollment")
        // Another member, who has not completed it, may enroll.
        try fixture.enroll("GD-0002", in: "C-4")
    }

    @Test("the same course in another year is not duplicate training")
    func nextYear() throws {
        let fixture = try Self.completedWorld()
        let nextYear = WireTimestamp(microsecondsSinceEpoch: Training.monday.microsecondsSinceEpoch + 365 * 24 * Training.hour)
        _ = try fixture.accept(
            ScheduleClass(
                code: "C-5", name: "2025年书记培训班", organiserCode: "442000-DX",
                periods: [PeriodSpec(start: nextYear, end: Training.at(nextYear, plusHours: 48), capacity: 30)]),
            as: ClassScheduled.self)
        try fixture.lesson("C-5", start: nextYear)
        try fixture.enroll("GD-0001", in: "C-5")
    }
}
