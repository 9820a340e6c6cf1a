import Foundation
import PeixunCodec
import PeixunEnrollment
import PeixunMessages

/// Times the tests use: a week of March 2024 in China time (UTC+8).
enum Training {
    static let hour: Int64 = 3_600_000_000
    static let minute: Int64 = 60_000_000
    /// Monday 2024-03-11 09:00 China time.
    static let monday = WireTimestamp(microsecondsSinceEpoch: 1_710_118_800_000_000)

    static func at(_ base: WireTimestamp, plusHours hours: Double) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: base.microsecondsSinceEpoch + Int64(hours * Double(hour)))
    }

    static func day(_ offset: Int, hour: Double = 0) -> WireTimestamp {
        at(monday, plusHours: Double(offset) * 24 + hour)
    }

    /// A period of `days` days from day `first` (09:00) to its last day 18:00.
    static func period(days first: Int, _ last: Int, capacity: UInt32) -> PeriodSpec {
        PeriodSpec(start: day(first), end: day(last, hour: 9), capacity: capacity)
    }
}

extension EnrollmentFixture {
    /// The tree, five members, four courses and two instructors.
    func makeWorld() throws {
        try makeTree()
        _ = try accept(
            ImportRoster(entries: [
                RosterEntry(line: 2, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01", categories: [.village, .branchSecretary]),
                RosterEntry(line: 3, memberNumber: "GD-0002", name: "欧阳娜娜", branchCode: "442000-XL-01", categories: [.community]),
                RosterEntry(line: 4, memberNumber: "GD-0003", name: "李强", branchCode: "442000-DX", categories: [.organ]),
                RosterEntry(line: 5, memberNumber: "GD-0004", name: "王芳", branchCode: "442000-XL-01", categories: [.village]),
                RosterEntry(line: 6, memberNumber: "GD-0005", name: "陈静", branchCode: "442000-XL-01", categories: [.village]),
            ]), as: RosterImported.self)
        for course in [
            AddCourse(code: "GT-01", name: "习近平新时代中国特色社会主义思想概论", module: .politicalTheory, creditHours: 2, mode: .classroom),
            AddCourse(code: "GT-02", name: "党章党规党纪", module: .politicalTheory, creditHours: 1.5, mode: .classroom),
            AddCourse(code: "RV-01", name: "乡村振兴产业发展", module: .ruralRevitalisation, creditHours: 1, mode: .onSite),
            AddCourse(code: "LV-01", name: "二十届三中全会精神直播课", module: .politicalTheory, creditHours: 2, mode: .live),
        ] {
            _ = try accept(course, as: CourseAdded.self)
        }
        _ = try accept(AddInstructor(code: "T-01", name: "李娜", kind: .partySchoolTeacher, organisationCode: "442000-DX"), as: InstructorAdded.self)
        _ = try accept(AddInstructor(code: "T-02", name: "王建国", kind: .localExpert, organisationCode: "442000-XL"), as: InstructorAdded.self)
    }

    /// A class of the party school with the given periods (no plan unless given).
    @discardableResult
    func scheduleClass(
        _ code: String, name: String = "2024年村（社区）党组织书记培训班", periods: [PeriodSpec], targets: [MemberCategory] = [],
        plan: String? = nil, completionPercent: UInt32 = 0
    ) throws -> ClassScheduled {
        try accept(
            ScheduleClass(
                code: code, name: name, organiserCode: "442000-DX", planCode: plan, targetCategories: targets,
                completionPercent: completionPercent, periods: periods),
            as: ClassScheduled.self)
    }

    func lessonCommand(
        _ classCode: String, period: UInt32 = 1, course: String = "GT-01", instructor: String = "T-01",
        start: WireTimestamp, hours: Double = 2, branches: [VenueSpec] = []
    ) -> ScheduleLesson {
        ScheduleLesson(
            classCode: classCode, periodNumber: period, courseCode: course, instructorCode: instructor, start: start,
            end: Training.at(start, plusHours: hours), venue: VenueSpec(code: "DX-101", name: "市委党校101教室", capacity: 120),
            branchVenues: branches)
    }

    @discardableResult
    func lesson(
        _ classCode: String, period: UInt32 = 1, course: String = "GT-01", instructor: String = "T-01",
        start: WireTimestamp, hours: Double = 2, branches: [VenueSpec] = []
    ) throws -> LessonBooked {
        try accept(
            lessonCommand(classCode, period: period, course: course, instructor: instructor, start: start, hours: hours, branches: branches),
            as: LessonBooked.self)
    }

    @discardableResult
    func enroll(_ member: String, in classCode: String, period: UInt32 = 1) throws -> MemberEnrolled {
        try accept(Enroll(memberNumber: member, classCode: classCode, periodNumber: period), as: MemberEnrolled.self)
    }
}
