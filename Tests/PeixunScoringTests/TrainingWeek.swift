import Foundation
import PeixunCodec
import PeixunMessages
import PeixunScoring

/// Times of a training week in March 2024, China time (UTC+8).
enum Week {
    static let hour: Int64 = 3_600_000_000
    /// Monday 2024-03-11 09:00 China time.
    static let monday = WireTimestamp(microsecondsSinceEpoch: 1_710_118_800_000_000)

    static func day(_ offset: Int, hour: Double = 0) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: monday.microsecondsSinceEpoch + Int64((Double(offset) * 24 + hour) * Double(Self.hour)))
    }
}

/// What enrollment announced before anyone scores: seven members, two instructors, two courses,
/// two schools; class DX-01 of the city party school (no exam) and class XL-01 of the town school
/// (completion exam, pass mark 60), one period each; lessons by 李娜 and 王建国.
struct World {
    static let memberNumbers = (1...7).map { String(format: "GD-%04d", $0) }
    static let memberNames = ["张伟", "欧阳娜娜", "李强", "王芳", "陈静", "刘洋", "赵敏"]

    let members: [WireUUID] = memberNumbers.map { _ in .random() }
    let liNa = WireUUID.random()          // instructor T-01 李娜
    let wang = WireUUID.random()          // instructor T-02 王建国
    let theory = WireUUID.random()        // course GT-01
    let rural = WireUUID.random()         // course RV-01
    let partySchool = WireUUID.random()   // 442000-DX 中山市委党校
    let townSchool = WireUUID.random()    // 442000-XL-DX 小榄镇党校
    let classDX = WireUUID.random()
    let periodDX = WireUUID.random()
    let classXL = WireUUID.random()
    let periodXL = WireUUID.random()
    /// DX-01 period 1: 李娜 teaches GT-01 on Monday and Tuesday, 王建国 RV-01 on Wednesday.
    let lessonMonday = WireUUID.random()
    let lessonTuesday = WireUUID.random()
    let lessonWednesday = WireUUID.random()
    /// XL-01 period 1: 李娜 teaches GT-01 on Thursday.
    let lessonThursday = WireUUID.random()

    static let theoryName = "习近平新时代中国特色社会主义思想概论"

    func announce(to fixture: ScoringFixture) throws {
        for (index, member) in members.enumerated() {
            try fixture.apply(
                MemberRegistered(
                    member: member, branch: .random(), name: Self.memberNames[index], categories: [.village],
                    memberNumber: Self.memberNumbers[index], branchCode: "442000-XL-01"))
        }
        try fixture.apply(CourseAdded(course: theory, code: "GT-01", name: Self.theoryName, module: .politicalTheory, creditHours: 2, mode: .classroom))
        try fixture.apply(CourseAdded(course: rural, code: "RV-01", name: "乡村振兴产业发展", module: .ruralRevitalisation, creditHours: 1, mode: .onSite))
        try fixture.apply(InstructorAdded(instructor: liNa, code: "T-01", name: "李娜", kind: .partySchoolTeacher))
        try fixture.apply(InstructorAdded(instructor: wang, code: "T-02", name: "王建国", kind: .localExpert))
        try fixture.apply(
            ClassScheduled(
                trainingClass: classDX, code: "DX-01", name: "2024年村（社区）党组织书记培训班", organiser: partySchool,
                organiserCode: "442000-DX", organiserName: "中山市委党校", planStatus: .unfiled, completionPercent: 80,
                periods: [PeriodSummary(period: periodDX, number: 1, start: Week.day(0), end: Week.day(4, hour: 9), capacity: 40)]))
        try fixture.apply(
            ClassScheduled(
                trainingClass: classXL, code: "XL-01", name: "小榄镇党员冬训班", organiser: townSchool,
                organiserCode: "442000-XL-DX", organiserName: "小榄镇党校", planStatus: .unfiled, completionPercent: 80,
                periods: [PeriodSummary(period: periodXL, number: 1, start: Week.day(3), end: Week.day(4), capacity: 40)],
                examPassMark: 60))
        try lesson(lessonMonday, day: 0, course: theory, Self.theoryName, liNa, "李娜", classDX, periodDX, partySchool, fixture)
        try lesson(lessonTuesday, day: 1, course: theory, Self.theoryName, liNa, "李娜", classDX, periodDX, partySchool, fixture)
        try lesson(lessonWednesday, day: 2, course: rural, "乡村振兴产业发展", wang, "王建国", classDX, periodDX, partySchool, fixture)
        try lesson(lessonThursday, day: 3, course: theory, Self.theoryName, liNa, "李娜", classXL, periodXL, townSchool, fixture)
    }

    private func lesson(
        _ id: WireUUID, day: Int, course: WireUUID, _ courseName: String, _ instructor: WireUUID, _ instructorName: String,
        _ trainingClass: WireUUID, _ period: WireUUID, _ organiser: WireUUID, _ fixture: ScoringFixture
    ) throws {
        try fixture.apply(
            LessonScheduled(
                lesson: id, period: period, courseName: courseName, instructor: instructor, instructorName: instructorName,
                start: Week.day(day), end: Week.day(day, hour: 2),
                venue: Venue(venue: .random(), name: "市委党校101教室", capacity: 120, code: "DX-101"), mode: .classroom,
                creditHours: 2, trainingClass: trainingClass, course: course, module: .politicalTheory, organiser: organiser))
    }

    /// Member `index` (0-based) checked in to `lesson`.
    func checkIn(_ index: Int, at lesson: WireUUID, _ fixture: ScoringFixture) throws {
        try fixture.apply(CheckedIn(lesson: lesson, member: members[index], at: Week.day(0, hour: 0.1), method: .roster, memberNumber: Self.memberNumbers[index]))
    }

    /// A fixture with the world announced.
    static func make(partition: ScoringPartition = .whole) throws -> (ScoringFixture, World) {
        let fixture = try ScoringFixture(partition: partition)
        let world = World()
        try world.announce(to: fixture)
        return (fixture, world)
    }

    static func score(
        _ index: Int, _ lesson: WireUUID, _ content: UInt8, _ delivery: UInt8, _ usefulness: UInt8, comment: String? = nil
    ) -> SubmitScore {
        SubmitScore(
            lesson: lesson, memberNumber: memberNumbers[index], content: content, delivery: delivery, usefulness: usefulness,
            comment: comment)
    }
}
