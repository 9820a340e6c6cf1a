import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing
import PeixunCalendar

@Suite("Flags: missed, fake and duplicate training, unfiled plans, plan variance")
struct FlagTests {
    let fixture: ReportingFixture
    let classID = World.id(3, 1), periodID = World.id(4, 1), lessonID = World.id(6, 1)

    init() throws {
        fixture = try ReportingFixture()
        try World.registerTree(fixture)
        try World.schedule(fixture, classID: classID, code: "XL-01", name: "2026年农村党员轮训班", periodID: periodID,
                           start: World.time(3, 9), at: World.time(3, 2))
        try World.lesson(fixture, lessonID, classID: classID, periodID: periodID, start: World.time(3, 9), capacity: 3,
                         at: World.time(3, 2))
    }

    func flags(_ kind: FlagKind, _ code: String? = "442000") throws -> [Flag] {
        try fixture.flags(code).filter { $0.kind == kind }
    }

    @Test("missed training (漏训): every member on the roster who completed no period this year")
    func missedTraining() throws {
        try World.complete(fixture, World.zhangWei, periodID: periodID, classID: classID, at: World.time(3, 12))
        let missed = try flags(.missedTraining)
        #expect(missed.map(\.subjectCode) == ["GD-0002", "GD-0003", "GD-0004", "GD-0005"])
        #expect(missed.map(\.organisationCode) == ["442000-XL-01", "442000-XL-01", "442000-XL-02", "442000-XL-02"])
        #expect(missed.first?.subjectName == "欧阳, 娜娜")
        #expect(missed.first?.detail == "截至2026年底，2026年未完成任何培训期次（漏训）")
        #expect(missed.first?.at == ChinaCalendar.start(year: 2027, month: 1))
    }

    @Test("a branch secretary trained only in an open class still lacks fallback training (兜底); a class for secretaries gives it")
    func secretaryFallback() throws {
        try World.complete(fixture, World.zhangWei, periodID: periodID, classID: classID, at: World.time(3, 12))
        #expect(try flags(.secretaryWithoutFallback).map(\.subjectName) == ["张伟", "陈静"])
        let secretaries = World.id(3, 2), secretariesPeriod = World.id(4, 2)
        try World.schedule(fixture, classID: secretaries, code: "XL-SJ", name: "2026年村（社区）党组织书记兜底培训班",
                           targets: [.branchSecretary], periodID: secretariesPeriod, start: World.time(4, 1), at: World.time(3, 20))
        try World.complete(fixture, World.zhangWei, periodID: secretariesPeriod, classID: secretaries, at: World.time(4, 5))
        #expect(try flags(.secretaryWithoutFallback).map(\.subjectName) == ["陈静"])
        #expect(try flags(.missedTraining).contains { $0.subjectName == "张伟" } == false)
    }

    @Test("a lesson without any check-in is flagged once its period is closed, not before")
    func lessonWithoutCheckIns() throws {
        #expect(try flags(.lessonWithoutCheckIns).isEmpty, "check-ins may still come while the period is open")
        try fixture.apply(PeriodClosed(period: periodID, trainingClass: classID, lessons: 1), at: World.time(3, 12))
        let flagged = try flags(.lessonWithoutCheckIns)
        #expect(flagged.map(\.subject) == [lessonID])
        #expect(flagged.first?.subjectName == "二十届三中全会精神")
        #expect(flagged.first?.organisationCode == "442000-XL")
        #expect(flagged.first?.detail == "2026年农村党员轮训班第1期 2026-03-09 09:00：期次已结业，但本节课没有任何签到记录")
    }

    @Test("a closed period's lesson with a check-in is not flagged as without check-ins")
    func lessonWithCheckIn() throws {
        try World.checkIn(fixture, lessonID, World.zhangWei, at: World.time(3, 9, 9, 2), source: "kiosk-1")
        try fixture.apply(PeriodClosed(period: periodID, trainingClass: classID, lessons: 1), at: World.time(3, 12))
        #expect(try flags(.lessonWithoutCheckIns).isEmpty)
    }

    @Test("more check-ins at a venue than it holds is flagged (虚训)")
    func overCapacity() throws {
        for (minute, member) in [World.zhangWei, World.ouyang, World.liQiang].enumerated() {
            try World.checkIn(fixture, lessonID, member, at: World.time(3, 9, 9, minute * 3), source: "kiosk-\(minute)")
        }
        #expect(try flags(.overCapacity).isEmpty, "three check-ins fill three places")
        try World.checkIn(fixture, lessonID, World.wangFang, at: World.time(3, 9, 9, 20), source: "kiosk-9")
        let flagged = try flags(.overCapacity)
        #expect(flagged.count == 1)
        #expect(flagged.first?.detail.hasSuffix("小榄镇党校101教室容纳3人，签到4人，超出场地容量") == true)
    }

    @Test(
        "a lesson whose check-ins all come from one source within a minute (5 or more) is a burst",
        arguments: [
            (5, 1, 10, true),  // five from one kiosk, ten seconds apart: 40 s
            (4, 1, 10, false),  // too few to call a burst
            (5, 2, 10, false),  // two sources
            (5, 1, 20, false),  // 80 s from first to last
        ])
    func burst(count: Int, sources: Int, secondsApart: Int, flagged: Bool) throws {
        let members = World.members.map(\.0)
        for index in 0..<count {
            try World.checkIn(
                fixture, lessonID, members[index], at: World.time(3, 9, 9, 0, second: index * secondsApart),
                source: "pad-\(index % sources)")
        }
        let bursts = try flags(.checkInBurst)
        #expect(bursts.isEmpty == !flagged)
        if flagged { #expect(bursts.first?.detail.hasSuffix("全部5人次签到来自同一来源「pad-0」，集中在40秒内") == true) }
    }

    @Test("each duplicate-training refusal (重复培训) is flagged under the member's branch, naming the earlier training")
    func duplicateTraining() throws {
        try fixture.apply(
            DuplicateTrainingRefused(
                member: World.wangFang, memberNumber: "GD-0004", memberName: "王芳", trainingClass: classID, period: periodID,
                course: World.id(9, 1), courseName: "二十届三中全会精神", earlierClass: World.id(3, 9), earlierClassName: "2026年党员冬训班",
                earlierPeriod: World.id(4, 9), earlierSchool: World.school, earlierSchoolName: "中山市委党校",
                earlierCompletedAt: World.time(2, 10, 17)),
            at: World.time(3, 5))
        let flagged = try flags(.duplicateTraining)
        #expect(flagged.map(\.subjectCode) == ["GD-0004"])
        #expect(flagged.first?.organisationCode == "442000-XL-02")
        #expect(flagged.first?.detail == "报名「2026年农村党员轮训班」被拒：课程「二十届三中全会精神」已于2026-02-10 17:00在中山市委党校「2026年党员冬训班」完成")
        #expect(try flags(.duplicateTraining, "442000-XL-01").isEmpty, "another branch's member")
    }

    @Test("a class scheduled without a filed plan is flagged; one under a plan is not")
    func unfiledPlan() throws {
        try World.schedule(fixture, classID: World.id(3, 5), code: "XL-05", name: "无计划班次", planStatus: .unfiled,
                           periodID: World.id(4, 5), start: World.time(5, 1), at: World.time(4, 20))
        #expect(try flags(.unfiledPlan).map(\.subjectCode) == ["XL-05"])
        let april = try fixture.monthly("442000-XL", "2026-04").report.flags.filter { $0.kind == .unfiledPlan }
        #expect(april.map(\.subjectName) == ["无计划班次"])
        #expect(try fixture.monthly("442000-XL", "2026-03").report.flags.contains { $0.kind == .unfiledPlan } == false)
    }

    @Test("a plan whose delivery differs from its plan is flagged once its year is over (December report, year flags)")
    func planVariance() throws {
        try fixture.apply(
            PlanFiled(plan: World.id(7, 1), code: "P-XL", organisation: World.town, organisationCode: "442000-XL",
                      level: .grassroots, year: 2026, title: "小榄镇2026年党员教育培训计划", plannedClasses: 1, plannedPeriods: 1,
                      plannedTrainees: 2),
            at: World.time(1, 5))
        try World.schedule(fixture, classID: World.id(3, 6), code: "XL-06", name: "计划内班次", plan: World.id(7, 1),
                           periodID: World.id(4, 6), start: World.time(6, 1), at: World.time(5, 20))
        try World.complete(fixture, World.liQiang, periodID: World.id(4, 6), classID: World.id(3, 6), at: World.time(6, 5))
        #expect(try fixture.monthly("442000-XL", "2026-11").report.flags.contains { $0.kind == .planVariance } == false)
        let december = try fixture.monthly("442000-XL", "2026-12").report.flags.filter { $0.kind == .planVariance }
        #expect(december.map(\.subjectCode) == ["P-XL"])
        #expect(december.first?.detail == "计划班次1、期次1、学员2；实际班次1、期次1、学员1")
        #expect(try flags(.planVariance).count == 1)
    }

    @Test("flags of the whole tree, without an organisation, cover every root")
    func wholeTree() throws {
        #expect(try fixture.flags(nil) == fixture.flags("442000"))
        #expect(try fixture.flags(nil).filter { $0.kind == .missedTraining }.count == 5)
    }
}

extension WireTimestamp {
    func advanced(days: Int64) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + days * 86_400_000_000)
    }
}
