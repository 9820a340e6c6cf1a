import PeixunCodec
import PeixunMessages
import PeixunScoring
import PeixunStore
import Testing

/// Completion exams and completion for good (CompletionConfirmed).
@Suite("Exams and completion")
struct CompletionTests {
    static func completed(_ world: World, _ index: Int, period: WireUUID, trainingClass: WireUUID, organiser: WireUUID) -> PeriodCompleted {
        PeriodCompleted(
            member: world.members[index], memberNumber: World.memberNumbers[index], period: period, trainingClass: trainingClass,
            organiser: organiser, lessons: 3, attended: 3, creditHours: 5, courses: [world.theory, world.rural], year: 2024)
    }

    static func exam(_ index: Int, score: Double, classCode: String = "XL-01") -> RecordExam {
        RecordExam(memberNumber: World.memberNumbers[index], classCode: classCode, periodNumber: 1, score: score)
    }

    @Test("a class without an exam confirms completion when enrollment completes the period, at enrollment's time")
    func withoutExam() throws {
        let (fixture, world) = try World.make()
        let closedAt = Week.day(5)
        try fixture.apply(Self.completed(world, 0, period: world.periodDX, trainingClass: world.classDX, organiser: world.partySchool), at: closedAt)
        let confirmed = try #require(fixture.events(CompletionConfirmed.self).only)
        #expect(confirmed.member == world.members[0] && confirmed.memberNumber == "GD-0001")
        #expect(confirmed.period == world.periodDX && confirmed.trainingClass == world.classDX && confirmed.organiser == world.partySchool)
        #expect(confirmed.creditHours == 5 && confirmed.examScore == nil && confirmed.year == 2024)
        #expect(try fixture.outbox().only?.envelope.time == closedAt, "the time enrollment committed it, not the local clock")
    }

    @Test("a class with an exam confirms completion once the exam is passed and the period completed, whichever comes first")
    func examEitherOrder() throws {
        let (fixture, world) = try World.make()
        for index in [0, 1] { try world.checkIn(index, at: world.lessonThursday, fixture) }
        // GD-0001 sits the exam first; GD-0002 completes the period first.
        let passed = try fixture.accept(Self.exam(0, score: 86), as: ExamRecorded.self)
        #expect(passed.passed && passed.passMark == 60 && passed.score == 86 && passed.memberNumber == "GD-0001")
        #expect(passed.trainingClass == world.classXL && passed.period == world.periodXL)
        #expect(try fixture.events(CompletionConfirmed.self).isEmpty, "the period is not completed yet")
        try fixture.apply(Self.completed(world, 0, period: world.periodXL, trainingClass: world.classXL, organiser: world.townSchool))
        try fixture.apply(Self.completed(world, 1, period: world.periodXL, trainingClass: world.classXL, organiser: world.townSchool))
        #expect(try fixture.events(CompletionConfirmed.self).map(\.memberNumber) == ["GD-0001"], "GD-0002 has no exam yet")
        _ = try fixture.accept(Self.exam(1, score: 60), as: ExamRecorded.self)
        let confirmed = try fixture.events(CompletionConfirmed.self)
        #expect(confirmed.map(\.memberNumber) == ["GD-0001", "GD-0002"])
        #expect(confirmed.map(\.examScore) == [86, 60], "a score at the pass mark passes")
        #expect(confirmed.allSatisfy { $0.organiser == world.townSchool && $0.creditHours == 5 })
    }

    @Test("a failed exam does not confirm completion")
    func failedExam() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(2, at: world.lessonThursday, fixture)
        try fixture.apply(Self.completed(world, 2, period: world.periodXL, trainingClass: world.classXL, organiser: world.townSchool))
        let failed = try fixture.accept(Self.exam(2, score: 59.5), as: ExamRecorded.self)
        #expect(!failed.passed)
        #expect(try fixture.events(CompletionConfirmed.self).isEmpty)
    }

    @Test("rebuilding scoring from enrollment's events confirms the same completions, byte for byte")
    func rebuildIsIdentical() throws {
        let world = World()
        var outboxes: [[[UInt8]]] = []
        for _ in 0..<2 {
            let fixture = try ScoringFixture()
            try world.announce(to: fixture)
            for index in 0..<3 {
                try fixture.apply(
                    Self.completed(world, index, period: world.periodDX, trainingClass: world.classDX, organiser: world.partySchool),
                    at: Week.day(5, hour: Double(index)))
            }
            outboxes.append(try fixture.outbox().map { $0.payload + Array("\($0.envelope.time)".utf8) })
        }
        #expect(outboxes[0].count == 3)
        #expect(outboxes[0] == outboxes[1])
    }

    @Test("completion is confirmed once per member and period, even if enrollment's completion is applied again")
    func exactlyOnce() throws {
        let (fixture, world) = try World.make()
        let event = Self.completed(world, 0, period: world.periodDX, trainingClass: world.classDX, organiser: world.partySchool)
        try fixture.apply(event)
        try fixture.apply(event)
        #expect(try fixture.events(CompletionConfirmed.self).count == 1)
    }

    @Test("one exam result per member and period: a second is refused, naming the first")
    func oneExam() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(3, at: world.lessonThursday, fixture)
        _ = try fixture.accept(Self.exam(3, score: 45), as: ExamRecorded.self)
        fixture.time = Week.day(6)
        let refusal = try fixture.rejection(Self.exam(3, score: 90))
        #expect(refusal.code == "exam.alreadyRecorded")
        #expect(refusal.message.contains("王芳 (GD-0004)") && refusal.message.contains("45, not passed"), "\(refusal.message)")
        #expect(refusal.message.contains("小榄镇党员冬训班"), "\(refusal.message)")
        #expect(try fixture.count("exams") == 1)
    }

    @Test("only a member who attended the period sits its exam")
    func examNeedsAttendance() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(4, at: world.lessonMonday, fixture)  // another class's lesson
        let refusal = try fixture.rejection(Self.exam(4, score: 80))
        #expect(refusal == ("exam.notAttended", "陈静 (GD-0005) attended no lesson of period 1 of 小榄镇党员冬训班 and has no exam to record"))
        #expect(try fixture.count("exams") == 0 && fixture.outbox().isEmpty)
    }

    @Test("a class without a completion exam takes no exam result")
    func noExamClass() throws {
        let (fixture, _) = try World.make()
        let refusal = try fixture.rejection(Self.exam(0, score: 80, classCode: "DX-01"))
        #expect(refusal == ("exam.notRequired", "class 2024年村（社区）党组织书记培训班 (DX-01) has no completion exam"))
        #expect(try fixture.outbox().isEmpty)
    }

    @Test("an exam score is 0 to 100", arguments: [-1, 100.5, Double.nan, Double.infinity])
    func examRange(score: Double) throws {
        let (fixture, _) = try World.make()
        #expect(try fixture.rejection(Self.exam(0, score: score)).code == "exam.invalidScore")
    }

    @Test("an exam names a class, a period and a member that exist")
    func examUnknowns() throws {
        let (fixture, _) = try World.make()
        #expect(try fixture.rejection(Self.exam(0, score: 80, classCode: "XX-99")).code == "class.unknown")
        let period = try fixture.rejection(RecordExam(memberNumber: "GD-0001", classCode: "XL-01", periodNumber: 2, score: 80))
        #expect(period == ("period.unknown", "class 小榄镇党员冬训班 (XL-01) has no period 2"))
        #expect(try fixture.rejection(RecordExam(memberNumber: "GD-9999", classCode: "XL-01", periodNumber: 1, score: 80)).code == "member.unknown")
    }

    @Test("a member's sheet lists their scores and exam results, with names as enrollment gave them")
    func memberSheet() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        try world.checkIn(0, at: world.lessonWednesday, fixture)
        try world.checkIn(0, at: world.lessonThursday, fixture)
        _ = try fixture.accept(World.score(0, world.lessonWednesday, 3, 4, 4), as: ScoreRecorded.self, at: Week.day(2, hour: 3))
        _ = try fixture.accept(World.score(0, world.lessonMonday, 5, 5, 5), as: ScoreRecorded.self, at: Week.day(2, hour: 4))
        try fixture.apply(Self.completed(world, 0, period: world.periodXL, trainingClass: world.classXL, organiser: world.townSchool))
        _ = try fixture.accept(Self.exam(0, score: 75), as: ExamRecorded.self, at: Week.day(4))
        let sheet = try fixture.ask(ShowMemberScores(memberNumber: "GD-0001"), as: MemberScoreSheet.self)
        #expect(sheet.name == "张伟")
        #expect(sheet.scores.map(\.instructorName) == ["王建国", "李娜"], "oldest first")
        #expect(sheet.scores.map(\.courseName) == ["乡村振兴产业发展", World.theoryName])
        #expect(sheet.scores.map(\.excellent) == [false, true])
        let exam = try #require(sheet.exams.only)
        #expect(exam.classCode == "XL-01" && exam.className == "小榄镇党员冬训班" && exam.periodNumber == 1)
        #expect(exam.score == 75 && exam.passMark == 60 && exam.passed && exam.completionConfirmed)
        #expect(try fixture.queryRejection(ShowMemberScores(memberNumber: "GD-9999")).code == "member.unknown")
    }
}
