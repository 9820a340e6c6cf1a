import Foundation
import PeixunCodec
import PeixunMessages

/// A small training world: 中山市 → 小榄镇 (a town committee) → 永宁社区 (a branch) with two members,
/// a class with a completion exam and one without, and the times they happen at (China time).
enum World {
    static func id(_ n: UInt64) -> WireUUID { WireUUID(high: 0x5EED, low: n) }

    static let city = id(1), town = id(2), branch = id(3), school = id(4), otherTown = id(5), otherBranch = id(6)
    static let zhang = id(10), ouyang = id(11), li = id(12)
    static let course = id(20), examClass = id(30), examPeriod = id(31), plainClass = id(32), plainPeriod = id(33)
    static let lesson = id(40), instructor = id(41)

    /// 2024-03-05 09:00 China time, and later moments.
    static let march = WireTimestamp(microsecondsSinceEpoch: 1_709_600_400_000_000)
    static func march(plus seconds: Int64) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: march.microsecondsSinceEpoch + seconds * 1_000_000)
    }
    /// 2024-04-01 00:00:00 China time: the first instant of April.
    static let april = WireTimestamp(microsecondsSinceEpoch: 1_711_900_800_000_000)
    static let may = WireTimestamp(microsecondsSinceEpoch: 1_714_492_800_000_000)

    static var tree: [OrganisationRegistered] {
        [
            OrganisationRegistered(organisation: city, parent: nil, name: "中山市", kind: .city, code: "442000"),
            OrganisationRegistered(organisation: town, parent: city, name: "小榄镇党委", kind: .town, code: "442000-XL"),
            OrganisationRegistered(organisation: branch, parent: town, name: "永宁社区党支部", kind: .village, code: "442000-XL-01"),
            OrganisationRegistered(organisation: school, parent: city, name: "中山市委党校", kind: .school, code: "442000-DX"),
            OrganisationRegistered(organisation: otherTown, parent: city, name: "古镇镇党委", kind: .town, code: "442000-GZ"),
            OrganisationRegistered(organisation: otherBranch, parent: otherTown, name: "海洲村党支部", kind: .village, code: "442000-GZ-01"),
        ]
    }

    static var members: [MemberRegistered] {
        [
            MemberRegistered(
                member: zhang, branch: branch, name: "张伟", categories: [.village, .branchSecretary], memberNumber: "GD-0001",
                branchCode: "442000-XL-01"),
            MemberRegistered(member: ouyang, branch: branch, name: "欧阳, 娜娜", categories: [.community], memberNumber: "GD-0002", branchCode: "442000-XL-01"),
            MemberRegistered(member: li, branch: otherBranch, name: "李强", categories: [.village], memberNumber: "GD-0003", branchCode: "442000-GZ-01"),
        ]
    }

    static var catalogue: [any WireMessage] {
        [
            CourseAdded(course: course, code: "LV-01", name: "学习贯彻习近平新时代中国特色社会主义思想", module: .politicalTheory, creditHours: 2, mode: .classroom),
            ClassScheduled(
                trainingClass: examClass, code: "DX-01", name: "2024年村（社区）党员轮训班", organiser: school, planStatus: .unfiled,
                periods: [PeriodSummary(period: examPeriod, number: 1, start: march, end: march(plus: 86_400), capacity: 30)],
                examPassMark: 60),
            ClassScheduled(
                trainingClass: plainClass, code: "DX-02", name: "2024年党员冬训班", organiser: school, planStatus: .unfiled,
                periods: [PeriodSummary(period: plainPeriod, number: 1, start: march, end: march(plus: 86_400), capacity: 30)]),
            LessonScheduled(
                lesson: lesson, period: examPeriod, courseName: "学习贯彻习近平新时代中国特色社会主义思想", instructor: instructor,
                instructorName: "李娜", start: march, end: march(plus: 7_200), venue: Venue(venue: id(50), name: "市委党校101教室", capacity: 120, code: "DX-101"),
                branchVenues: [], mode: .classroom, creditHours: 2, trainingClass: examClass, course: course, courseCode: "LV-01",
                module: .politicalTheory),
        ]
    }

    static func enrolled(_ member: WireUUID, _ trainingClass: WireUUID = examClass, _ period: WireUUID = examPeriod, waitlisted: Bool = false)
        -> MemberEnrolled
    {
        MemberEnrolled(enrollment: id(1000 + member.low), member: member, period: period, trainingClass: trainingClass, waitlisted: waitlisted)
    }

    static func checkedIn(_ member: WireUUID) -> CheckedIn {
        CheckedIn(lesson: lesson, member: member, at: march(plus: 600), method: .qrCode, period: examPeriod, trainingClass: examClass)
    }

    static func completed(_ member: WireUUID, _ trainingClass: WireUUID = examClass, _ period: WireUUID = examPeriod, hours: Double = 2)
        -> PeriodCompleted
    {
        PeriodCompleted(member: member, period: period, trainingClass: trainingClass, lessons: 1, attended: 1, creditHours: hours, year: 2024)
    }

    static func scored(_ member: WireUUID) -> ScoreRecorded {
        ScoreRecorded(
            score: id(2000 + member.low), lesson: lesson, instructor: instructor, member: member, content: 5, delivery: 4,
            usefulness: 3, at: march(plus: 7_300), course: course, organiser: school, trainingClass: examClass, period: examPeriod,
            excellent: false)
    }

    static func exam(_ member: WireUUID, score: Double = 86) -> ExamRecorded {
        ExamRecorded(member: member, period: examPeriod, score: score, passed: score >= 60, at: march(plus: 80_000), trainingClass: examClass, passMark: 60)
    }

    static func confirmed(_ member: WireUUID, hours: Double = 2) -> CompletionConfirmed {
        CompletionConfirmed(member: member, period: examPeriod, trainingClass: examClass, organiser: school, creditHours: hours, examScore: 86, year: 2024)
    }
}

extension ArchiveFixture {
    /// The tree, the members and the catalogue, as enrollment published them.
    func makeWorld() throws {
        for event in World.tree { try apply(event) }
        for event in World.members { try apply(event) }
        for event in World.catalogue { try applyAny(event) }
    }

    func applyAny(_ event: any WireMessage, from service: String = "enrollment", at time: WireTimestamp = World.march) throws {
        try apply(event, from: service, at: time)
    }
}
