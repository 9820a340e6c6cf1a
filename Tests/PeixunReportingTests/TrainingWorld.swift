import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunCalendar

/// A town's year of training as enrollment and scoring publish it, with fixed ids so tests name
/// what they check. The tree: 中山市 (city) → 小榄镇 (town) → 永宁社区 and 绩东一社区 (villages),
/// and 中山市委党校 (a school under the city). Five members: 张伟 (secretary), 欧阳娜娜, 李强 in
/// 永宁社区; 王芳 and 陈静 (secretary) in 绩东一社区.
enum World {
    static func id(_ kind: UInt64, _ n: UInt64) -> WireUUID { WireUUID(high: kind, low: n) }

    static let city = id(1, 1), town = id(1, 2), villageA = id(1, 3), villageB = id(1, 4), school = id(1, 5)
    static let zhangWei = id(2, 1), ouyang = id(2, 2), liQiang = id(2, 3), wangFang = id(2, 4), chenJing = id(2, 5)
    static let members: [(WireUUID, String, String, WireUUID, String, Bool)] = [
        (zhangWei, "GD-0001", "张伟", villageA, "442000-XL-01", true),
        (ouyang, "GD-0002", "欧阳, 娜娜", villageA, "442000-XL-01", false),
        (liQiang, "GD-0003", "李强", villageA, "442000-XL-01", false),
        (wangFang, "GD-0004", "王芳", villageB, "442000-XL-02", false),
        (chenJing, "GD-0005", "陈静", villageB, "442000-XL-02", true),
    ]

    /// `day` of `month` 2026 at `hour`:`minute`, China time.
    static func time(_ month: Int, _ day: Int, _ hour: Int = 9, _ minute: Int = 0, second: Int = 0) -> WireTimestamp {
        let start = ChinaCalendar.start(year: 2026, month: month, day: day).microsecondsSinceEpoch
        return WireTimestamp(microsecondsSinceEpoch: start + Int64(hour * 3600 + minute * 60 + second) * 1_000_000)
    }

    /// The tree and the roster, registered on 1 January 2026.
    static func registerTree(_ fixture: ReportingFixture) throws {
        let at = time(1, 1)
        for (id, parent, name, kind, code) in [
            (city, nil, "中山市", OrganisationKind.city, "442000"), (town, city, "小榄镇", .town, "442000-XL"),
            (villageA, town, "永宁社区党委", .village, "442000-XL-01"), (villageB, town, "绩东一社区党委", .village, "442000-XL-02"),
            (school, city, "中山市委党校", .school, "442000-DX"),
        ] as [(WireUUID, WireUUID?, String, OrganisationKind, String)] {
            try fixture.apply(OrganisationRegistered(organisation: id, parent: parent, name: name, kind: kind, code: code), at: at)
        }
        for (id, number, name, branch, branchCode, secretary) in members {
            try fixture.apply(
                MemberRegistered(
                    member: id, branch: branch, name: name, categories: secretary ? [.village, .branchSecretary] : [.village],
                    joinedParty: time(1, 1), memberNumber: number, branchCode: branchCode),
                at: at)
        }
    }

    /// A class run by `organiser` with one period (`periodID`) from `start` for three days.
    static func schedule(
        _ fixture: ReportingFixture, classID: WireUUID, code: String, name: String, organiser: WireUUID = town,
        organiserCode: String = "442000-XL", plan: WireUUID? = nil, planStatus: PlanStatus = .acknowledged,
        targets: [MemberCategory] = [], periodID: WireUUID, start: WireTimestamp, at: WireTimestamp
    ) throws {
        let end = WireTimestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + 3 * 86_400_000_000)
        try fixture.apply(
            ClassScheduled(
                trainingClass: classID, code: code, name: name, organiser: organiser, organiserCode: organiserCode,
                organiserName: "", plan: plan, planStatus: planStatus, targetCategories: targets, completionPercent: 80,
                periods: [PeriodSummary(period: periodID, number: 1, start: start, end: end, capacity: 50)]),
            at: at)
    }

    /// A two-hour lesson of `course` at a main venue holding `capacity`.
    static func lesson(
        _ fixture: ReportingFixture, _ lessonID: WireUUID, classID: WireUUID, periodID: WireUUID,
        organiser: WireUUID = town, course: String = "二十届三中全会精神", start: WireTimestamp, capacity: UInt32 = 100,
        at: WireTimestamp
    ) throws {
        let end = WireTimestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + 2 * 3_600_000_000)
        try fixture.apply(
            LessonScheduled(
                lesson: lessonID, period: periodID, courseName: course, start: start, end: end,
                venue: Venue(venue: venue(lessonID), name: "小榄镇党校101教室", capacity: capacity, code: "XL-101"), mode: .classroom,
                creditHours: 2, trainingClass: classID, course: id(9, 1), courseCode: "ZZ-01", module: .politicalTheory,
                organiser: organiser),
            at: at)
    }

    /// The main venue's id of a lesson.
    static func venue(_ lesson: WireUUID) -> WireUUID { WireUUID(high: lesson.high, low: lesson.low + 1_000) }

    static func checkIn(
        _ fixture: ReportingFixture, _ lessonID: WireUUID, _ member: WireUUID, at: WireTimestamp, source: String
    ) throws {
        try fixture.apply(
            CheckedIn(lesson: lessonID, member: member, venue: venue(lessonID), at: at, method: .qrCode, source: source), at: at)
    }

    static func complete(
        _ fixture: ReportingFixture, _ member: WireUUID, periodID: WireUUID, classID: WireUUID, year: UInt32 = 2026,
        at: WireTimestamp
    ) throws {
        try fixture.apply(
            PeriodCompleted(member: member, period: periodID, trainingClass: classID, lessons: 1, attended: 1, creditHours: 2, year: year),
            at: at)
    }
}
