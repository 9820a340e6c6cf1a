import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// Closing a period decides completion.
@Suite("Completion")
struct CompletionTests {
    /// Five lessons Monday to Friday (GT-01 2 h credit ×3, GT-02 1.5 ×1, RV-01 1 ×1); GD-0001,
    /// GD-0002 and GD-0004 seated, GD-0005 waitlisted.
    static func world() throws -> (EnrollmentFixture, [WireUUID]) {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 5, capacity: 3)])
        let courses = ["GT-01", "GT-01", "GT-02", "GT-01", "RV-01"]
        let lessons = try courses.enumerated().map { day, course in try fixture.lesson("C-1", course: course, start: Training.day(day)).lesson }
        for member in ["GD-0001", "GD-0002", "GD-0004", "GD-0005"] { try fixture.enroll(member, in: "C-1") }
        return (fixture, lessons)
    }

    static func attend(_ fixture: EnrollmentFixture, _ member: String, _ lessons: [WireUUID], days: [Int]) throws {
        for day in days {
            _ = try fixture.accept(
                CheckIn(lesson: lessons[day], memberNumber: member, method: .roster), as: CheckInRecorded.self, at: Training.day(day, hour: 0.5))
        }
    }

    @Test("attending at least 80% of lessons completes the period; credit hours are those of the lessons attended")
    func eightyPercent() throws {
        let (fixture, lessons) = try Self.world()
        try Self.attend(fixture, "GD-0001", lessons, days: [0, 1, 2, 3])  // 4 of 5 = 80%
        try Self.attend(fixture, "GD-0002", lessons, days: [0, 1, 4])  // 3 of 5 = 60%
        let closed = try fixture.accept(ClosePeriod(classCode: "C-1", periodNumber: 1), as: PeriodClosed.self, at: Training.day(6))
        #expect(closed.completed == 1 && closed.notCompleted == 2 && closed.lessons == 5)
        let completion = try #require(fixture.events(PeriodCompleted.self).only)
        #expect(completion.memberNumber == "GD-0001" && completion.attended == 4 && completion.lessons == 5)
        #expect(completion.creditHours == 2 + 2 + 1.5 + 2)
        #expect(completion.courses.count == 2 && completion.year == 2024)
        let statuses = try fixture.store.read { db in
            try Int.fetchAll(db, sql: "SELECT e.status FROM enrollments e JOIN members m ON m.id = e.member_id ORDER BY m.number")
        }
        #expect(statuses == [4, 5, 5, 3], "completed, not completed ×2, the waitlist cancelled")
    }

    @Test("a class may ask for all lessons")
    func hundredPercent() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 5, capacity: 3)], completionPercent: 100)
        let lessons = try (0..<2).map { try fixture.lesson("C-1", start: Training.day($0)).lesson }
        try fixture.enroll("GD-0001", in: "C-1")
        try Self.attend(fixture, "GD-0001", lessons, days: [0])
        #expect(try fixture.accept(ClosePeriod(classCode: "C-1", periodNumber: 1), as: PeriodClosed.self).completed == 0)
    }

    @Test("a closed period takes no more check-ins, enrollments, lessons or closing")
    func closedIsFinal() throws {
        let (fixture, lessons) = try Self.world()
        _ = try fixture.accept(ClosePeriod(classCode: "C-1", periodNumber: 1), as: PeriodClosed.self)
        #expect(try fixture.rejection(CheckIn(lesson: lessons[0], memberNumber: "GD-0001", method: .roster)).code == "period.closed")
        #expect(try fixture.rejection(Enroll(memberNumber: "GD-0003", classCode: "C-1", periodNumber: 1)).code == "period.closed")
        #expect(try fixture.rejection(fixture.lessonCommand("C-1", start: Training.day(5))).code == "period.closed")
        #expect(try fixture.rejection(ClosePeriod(classCode: "C-1", periodNumber: 1)).code == "period.closed")
    }

    @Test("a period without lessons cannot be closed")
    func noLessons() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 5, capacity: 3)])
        #expect(try fixture.rejection(ClosePeriod(classCode: "C-1", periodNumber: 1)).code == "period.noLessons")
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
