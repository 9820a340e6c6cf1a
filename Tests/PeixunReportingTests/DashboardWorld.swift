import PeixunCodec
import PeixunMessages
import PeixunReporting

/// The training world of `World`, plus what a dashboard shows on Monday 9 March 2026:
/// - a second town, 古镇镇 (442000-GZ), with a village, a member, a class, a lesson that day,
///   scores, a plan and a refused duplicate: none of it may show on 小榄镇's dashboard;
/// - a branch under 永宁社区 (depth 3 from the city) for the coverage depth;
/// - 小榄镇's class XL-01 (unfiled plan) with a live lesson on the 9th (main venue and one
///   branch venue, four check-ins in two minutes) and a lesson on the 10th;
/// - instructors 王教授 (5 raters, all excellent), 李老师 (5 raters, 4 excellent) and 赵讲师
///   (6 scores but only 4 raters).
enum DashboardWorld {
    static let otherTown = World.id(1, 6), otherVillage = World.id(1, 7), branch = World.id(1, 8)
    static let huangMin = World.id(2, 6)
    static let classXL = World.id(3, 1), periodXL = World.id(4, 1)
    static let classGZ = World.id(3, 2), periodGZ = World.id(4, 2)
    static let liveLesson = World.id(6, 1), tomorrowLesson = World.id(6, 2), lessonGZ = World.id(6, 3)
    static let branchVenue = World.id(6, 9)
    static let wang = World.id(10, 1), li = World.id(10, 2), zhao = World.id(10, 3)

    static func build(_ fixture: ReportingFixture) throws {
        try World.registerTree(fixture)
        try otherTree(fixture)
        try plans(fixture)
        try classes(fixture)
        try checkIns(fixture)
        try scores(fixture)
        try fixture.apply(
            DuplicateTrainingRefused(
                member: World.liQiang, trainingClass: classXL, courseName: "党章党规", earlierClassName: "2025年轮训班",
                earlierSchoolName: "中山市委党校"),
            at: World.time(3, 5))
        try fixture.apply(
            DuplicateTrainingRefused(member: huangMin, trainingClass: classGZ, courseName: "党章党规"), at: World.time(3, 8))
        try fixture.apply(
            MemberEnrolled(enrollment: World.id(5, 1), member: World.zhangWei, period: periodXL, trainingClass: classXL, seat: 1),
            at: World.time(3, 3))
        try World.complete(fixture, World.zhangWei, periodID: periodXL, classID: classXL, at: World.time(3, 9, 12))
    }

    static func otherTree(_ fixture: ReportingFixture) throws {
        let at = World.time(1, 1)
        try fixture.apply(
            OrganisationRegistered(organisation: otherTown, parent: World.city, name: "古镇镇", kind: .town, code: "442000-GZ"), at: at)
        try fixture.apply(
            OrganisationRegistered(organisation: otherVillage, parent: otherTown, name: "古镇村党委", kind: .village, code: "442000-GZ-01"),
            at: at)
        try fixture.apply(
            OrganisationRegistered(
                organisation: branch, parent: World.villageA, name: "永宁社区第一党支部", kind: .village, code: "442000-XL-01-01"),
            at: at)
        try fixture.apply(
            MemberRegistered(member: huangMin, branch: otherVillage, name: "黄敏", memberNumber: "GD-0006", branchCode: "442000-GZ-01"),
            at: at)
        for (id, code, name) in [(wang, "JS-001", "王教授"), (li, "JS-002", "李老师"), (zhao, "JS-003", "赵讲师")] {
            try fixture.apply(InstructorAdded(instructor: id, code: code, name: name, kind: .partySchoolTeacher), at: at)
        }
    }

    /// Plans of 2026: 40 trainees by 小榄镇, 10 by 永宁社区, 30 by 古镇镇; 99 by 小榄镇 for 2025.
    static func plans(_ fixture: ReportingFixture) throws {
        for (n, organisation, year, trainees) in [
            (1, World.town, 2026, 40), (2, World.villageA, 2026, 10), (3, otherTown, 2026, 30), (4, World.town, 2025, 99),
        ] as [(UInt64, WireUUID, UInt32, UInt32)] {
            try fixture.apply(
                PlanFiled(plan: World.id(7, n), code: "P-\(n)", organisation: organisation, level: .grassroots, year: year, plannedTrainees: trainees),
                at: World.time(2, 1))
        }
    }

    static func classes(_ fixture: ReportingFixture) throws {
        try World.schedule(
            fixture, classID: classXL, code: "XL-01", name: "2026年农村党员轮训班", planStatus: .unfiled, periodID: periodXL,
            start: World.time(3, 9, 0), at: World.time(3, 2))
        try World.schedule(
            fixture, classID: classGZ, code: "GZ-01", name: "古镇镇党员冬训班", organiser: otherTown, organiserCode: "442000-GZ",
            planStatus: .unfiled, periodID: periodGZ, start: World.time(3, 9, 0), at: World.time(3, 6))
        try fixture.apply(
            LessonScheduled(
                lesson: liveLesson, period: periodXL, courseName: "二十届三中全会精神", start: World.time(3, 9, 9),
                end: World.time(3, 9, 11),
                venue: Venue(venue: World.venue(liveLesson), name: "小榄镇党校101教室", capacity: 100, code: "XL-101"),
                branchVenues: [Venue(venue: branchVenue, name: "永宁社区党群服务中心", capacity: 30, code: "YN-1")], mode: .live,
                trainingClass: classXL, module: .politicalTheory, organiser: World.town),
            at: World.time(3, 2))
        try World.lesson(
            fixture, tomorrowLesson, classID: classXL, periodID: periodXL, course: "党章党规", start: World.time(3, 10, 9),
            at: World.time(3, 2))
        try World.lesson(
            fixture, lessonGZ, classID: classGZ, periodID: periodGZ, organiser: otherTown, course: "乡村振兴",
            start: World.time(3, 9, 14), at: World.time(3, 6))
    }

    /// 9:01 two at the main venue; 9:03 one at the branch venue and one at the main venue; 古镇 at 14:05.
    static func checkIns(_ fixture: ReportingFixture) throws {
        try World.checkIn(fixture, liveLesson, World.zhangWei, at: World.time(3, 9, 9, 1, second: 10), source: "kiosk-1")
        try World.checkIn(fixture, liveLesson, World.ouyang, at: World.time(3, 9, 9, 1, second: 50), source: "kiosk-1")
        try fixture.apply(
            CheckedIn(lesson: liveLesson, member: World.liQiang, venue: branchVenue, at: World.time(3, 9, 9, 3), method: .qrCode,
                      source: "pad-2"),
            at: World.time(3, 9, 9, 3))
        try World.checkIn(fixture, liveLesson, World.wangFang, at: World.time(3, 9, 9, 3, second: 30), source: "kiosk-1")
        try World.checkIn(fixture, lessonGZ, huangMin, at: World.time(3, 9, 14, 5), source: "kiosk-9")
    }

    /// Scores of 小榄镇's class by its five members, and of 古镇镇's class for 王教授.
    static func scores(_ fixture: ReportingFixture) throws {
        let raters = World.members.map(\.0)
        var n: UInt64 = 0
        func score(_ instructor: WireUUID, by member: WireUUID, excellent: Bool, organiser: WireUUID = World.town) throws {
            n += 1
            try fixture.apply(
                ScoreRecorded(
                    score: World.id(8, n), lesson: liveLesson, instructor: instructor, member: member, organiser: organiser,
                    trainingClass: classXL, period: periodXL, excellent: excellent),
                at: World.time(3, 9, 12), from: "scoring")
        }
        for rater in raters { try score(wang, by: rater, excellent: true) }
        for (index, rater) in raters.enumerated() { try score(li, by: rater, excellent: index != 0) }
        for rater in raters.prefix(4) + raters.prefix(2) { try score(zhao, by: rater, excellent: true) }
        for index in 1...5 { try score(wang, by: World.id(2, 100 + UInt64(index)), excellent: false, organiser: otherTown) }
    }
}
