import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

@Suite("The dashboard's starting state (ShowDashboard)")
struct DashboardTests {
    let fixture: ReportingFixture
    typealias W = DashboardWorld

    init() throws {
        fixture = try ReportingFixture()
        try DashboardWorld.build(fixture)
    }

    // MARK: Scope

    @Test("a town's dashboard shows nothing of another town")
    func scope() throws {
        let town = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect(town.lessons.map(\.lesson) == [W.liveLesson])
        #expect(town.checkInsPerMinute.map(\.checkIns).reduce(0, +) == 4)
        #expect(!town.coverage.contains { $0.code.hasPrefix("442000-GZ") })
        #expect(town.plannedTrainees == 50)
        #expect(town.instructors.first { $0.instructor == W.wang }?.scores == 5)
        #expect(town.flags.map(\.subject) == [World.liQiang, W.classXL])
        #expect(town.organisations == [World.town, World.villageA, World.villageB, W.branch].sorted())

        let city = try fixture.dashboard("442000", "2026-03-09")
        #expect(Set(city.lessons.map(\.lesson)) == [W.liveLesson, W.lessonGZ])
        #expect(city.plannedTrainees == 80)
        #expect(city.instructors.first { $0.instructor == W.wang }?.scores == 10)
        #expect(Set(city.flags.map(\.subject)) == [World.liQiang, W.huangMin, W.classXL, W.classGZ])
    }

    // MARK: Lessons

    @Test("lessons of another day are absent")
    func otherDays() throws {
        #expect(try fixture.dashboard("442000-XL", "2026-03-09").lessons.map(\.courseName) == ["二十届三中全会精神"])
        #expect(try fixture.dashboard("442000-XL", "2026-03-10").lessons.map(\.courseName) == ["党章党规"])
        #expect(try fixture.dashboard("442000-XL", "2026-03-11").lessons.isEmpty)
    }

    @Test("each venue of a live lesson has its own check-in count, the main venue first")
    func venues() throws {
        let lesson = try #require(try fixture.dashboard("442000-XL", "2026-03-09").lessons.first)
        #expect((lesson.classCode, lesson.className) == ("XL-01", "2026年农村党员轮训班"))
        #expect((lesson.start, lesson.end) == (World.time(3, 9, 9), World.time(3, 9, 11)))
        #expect(lesson.venues.map(\.code) == ["XL-101", "YN-1"])
        #expect(lesson.venues.map(\.checkedIn) == [3, 1])
        #expect(lesson.venues.map(\.capacity) == [100, 30])
        #expect(lesson.venues.map(\.venue) == [World.venue(W.liveLesson), W.branchVenue])
    }

    @Test("check-ins per minute count the day's check-ins in scope by the minute they were committed")
    func perMinute() throws {
        let minutes = try fixture.dashboard("442000-XL", "2026-03-09").checkInsPerMinute
        #expect(minutes == [
            DashboardMinute(minute: World.time(3, 9, 9, 1), checkIns: 2),
            DashboardMinute(minute: World.time(3, 9, 9, 3), checkIns: 2),
        ])
        let city = try fixture.dashboard("442000", "2026-03-09").checkInsPerMinute
        #expect(city.last == DashboardMinute(minute: World.time(3, 9, 14, 5), checkIns: 1))
        #expect(try fixture.dashboard("442000-XL", "2026-03-10").checkInsPerMinute.isEmpty)
    }

    // MARK: Figures

    @Test("coverage goes two levels down: the organisation, its children and grandchildren")
    func coverageDepth() throws {
        let city = try fixture.dashboard("442000", "2026-03-09").coverage
        #expect(city.map(\.depth).max() == 2)
        #expect(!city.contains { $0.code == "442000-XL-01-01" })
        let root = try #require(city.first)
        #expect((root.code, root.rosterMembers, root.trainedMembers) == ("442000", 6, 1))
        let town = try fixture.dashboard("442000-XL", "2026-03-09").coverage
        #expect(town.contains { $0.code == "442000-XL-01-01" && $0.depth == 2 })
    }

    @Test("member-trainings and seats of the month to date, missed training, planned trainees of the year's plans")
    func monthAgainstPlan() throws {
        let town = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect(town.month == "2026-03")
        #expect((town.memberTrainings, town.enrollments, town.plannedTrainees, town.missedTraining) == (1, 1, 50, 4))
        // The completion is committed at noon on the 9th: the 8th's dashboard does not know it yet.
        let before = try fixture.dashboard("442000-XL", "2026-03-08")
        #expect((before.memberTrainings, before.missedTraining) == (0, 5))
    }

    @Test("excellence leaders need at least 5 different raters, and rank by rate then scores")
    func leaders() throws {
        let leaders = try fixture.dashboard("442000-XL", "2026-03-09").instructors
        #expect(leaders.map(\.name) == ["王教授", "李老师"])
        #expect(leaders.map(\.raters) == [5, 5])
        #expect(leaders.map(\.excellent) == [5, 4])
        #expect(leaders.map(\.excellenceRate) == [1.0, 0.8])
        // 赵讲师 has six excellent scores, but from four members only.
        #expect(!leaders.contains { $0.instructor == W.zhao })
    }

    @Test("the latest flags come most recent first, dated flags only")
    func latestFlags() throws {
        let flags = try fixture.dashboard("442000-XL", "2026-03-09").flags
        #expect(flags.map(\.kind) == [.duplicateTraining, .unfiledPlan])
        #expect(flags.map(\.at) == [World.time(3, 5), World.time(3, 2)])
        #expect(flags.first?.subjectName == "李强")
    }

    // MARK: Consistency

    @Test("the cursors are the store's cursors, read with the figures: an event below them is already counted")
    func cursors() throws {
        let view = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect(view.cursors == [
            DashboardCursor(stream: StreamID(service: "enrollment", partition: 0), appliedThrough: try fixture.cursor("enrollment")),
            DashboardCursor(stream: StreamID(service: "scoring", partition: 0), appliedThrough: try fixture.cursor("scoring")),
        ])
        #expect(view.cursors.map(\.appliedThrough) == [35, 21])

        try World.checkIn(fixture, W.liveLesson, World.chenJing, at: World.time(3, 9, 9, 4), source: "kiosk-1")
        let later = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect(later.cursors.map(\.appliedThrough) == [36, 21])
        #expect(later.lessons.first?.venues.first?.checkedIn == 4)
    }

    @Test("Chinese names are intact")
    func chineseNames() throws {
        let view = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect(view.organisationName == "小榄镇")
        #expect(view.lessons.first?.venues.map(\.name) == ["小榄镇党校101教室", "永宁社区党群服务中心"])
        #expect(view.coverage.map(\.name).prefix(2) == ["小榄镇", "永宁社区党委"])
        #expect(view.flags.first?.detail.contains("中山市委党校") == true)
    }

    @Test("the day is YYYY-MM-DD, a real day; the organisation must exist")
    func refusals() throws {
        for day in ["2026-3-9", "2026-02-30", "20260309", "2026-03-09T00", "1999-12-31", "２０２６-03-09"] {
            guard case .rejected(let code, let message) = try fixture.answer(ShowDashboard(organisationCode: "442000", day: day)) else {
                Issue.record("\(day) was answered")
                continue
            }
            #expect(code == "report.invalidDay")
            #expect(message.contains(day))
        }
        let unknown = try fixture.answer(ShowDashboard(organisationCode: "442099", day: "2026-03-09"))
        #expect(unknown == .rejected(code: "organisation.unknown", message: "there is no organisation with code 442099"))
    }

    @Test("the day's window is China time: 9 March starts at 16:00 UTC on the 8th")
    func window() throws {
        let view = try fixture.dashboard("442000-XL", "2026-03-09")
        #expect((view.day, view.dayStart, view.dayEnd) == ("2026-03-09", World.time(3, 9, 0), World.time(3, 10, 0)))
        #expect(view.dayStart.microsecondsSinceEpoch == 1_772_985_600 * 1_000_000)
    }

    // MARK: Indexes

    @Test("every statement of the dashboard reads through indexes: no table scan")
    func indexedReads() throws {
        for code in ["442000", "442000-XL"] {
            let (statements, scans) = try fixture.tableScans(ShowDashboard(organisationCode: code, day: "2026-03-09"))
            #expect(statements > 5)
            #expect(scans.isEmpty, "\(code) scans: \(scans)")
        }
    }
}
