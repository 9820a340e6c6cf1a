import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunScoring
import Testing

/// Trainees score the instructor of a lesson they attended, once, on three dimensions of 1–5.
@Suite("Scores")
struct ScoreRuleTests {
    @Test("a member who checked in scores the lesson's instructor; the score names the lesson's course, class, period and school")
    func attendeeScores() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        let score = try fixture.accept(
            World.score(0, world.lessonMonday, 5, 4, 5, comment: "  讲得很透彻，联系小榄镇实际 👍 "), as: ScoreRecorded.self)
        #expect(score.member == world.members[0] && score.memberNumber == "GD-0001")
        #expect(score.instructor == world.liNa && score.course == world.theory)
        #expect(score.trainingClass == world.classDX && score.period == world.periodDX && score.organiser == world.partySchool)
        #expect(score.content == 5 && score.delivery == 4 && score.usefulness == 5 && score.excellent)
        #expect(score.comment == "讲得很透彻，联系小榄镇实际 👍", "trimmed, Chinese and emoji intact")
        #expect(score.at == fixture.time)
        #expect(try fixture.events(ScoreRecorded.self) == [score])
    }

    @Test("a member without a check-in at the lesson cannot score it, and nothing is written")
    func onlyAttendees() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        let refusal = try fixture.rejection(World.score(0, world.lessonTuesday, 5, 5, 5))
        #expect(refusal.code == "score.notAttended")
        #expect(refusal.message.contains("张伟 (GD-0001)") && refusal.message.contains(World.theoryName), "\(refusal.message)")
        #expect(refusal.message.contains("李娜") && refusal.message.contains("2024-03-12 09:00"), "\(refusal.message)")
        #expect(try fixture.count("scores") == 0 && fixture.count("tallies") == 0)
        #expect(try fixture.outbox().isEmpty)
    }

    @Test("a second score for the same lesson is refused, naming the first, which stands")
    func oncePerLesson() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(1, at: world.lessonMonday, fixture)
        _ = try fixture.accept(World.score(1, world.lessonMonday, 3, 4, 2), as: ScoreRecorded.self)
        fixture.time = Week.day(1)
        let refusal = try fixture.rejection(World.score(1, world.lessonMonday, 5, 5, 5))
        #expect(refusal.code == "score.alreadySubmitted")
        #expect(refusal.message.contains("欧阳娜娜 (GD-0002) already scored"), "\(refusal.message)")
        #expect(refusal.message.contains("content 3, delivery 4, usefulness 2"), "\(refusal.message)")
        #expect(refusal.message.contains("2024-03-11 12:00"), "when the first was given: \(refusal.message)")
        #expect(try fixture.count("scores") == 1)
        #expect(try fixture.events(ScoreRecorded.self).map(\.content) == [3])
    }

    @Test("the same member scores each lesson they attended, even of the same instructor")
    func eachLessonOnce() throws {
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        try world.checkIn(0, at: world.lessonTuesday, fixture)
        _ = try fixture.accept(World.score(0, world.lessonMonday, 4, 4, 4), as: ScoreRecorded.self)
        _ = try fixture.accept(World.score(0, world.lessonTuesday, 5, 5, 5), as: ScoreRecorded.self)
        #expect(try fixture.events(ScoreRecorded.self).map(\.lesson) == [world.lessonMonday, world.lessonTuesday])
    }

    @Test("each dimension is a whole number from 1 to 5", arguments: [
        (UInt8(0), UInt8(3), UInt8(3), "content"), (3, 6, 3, "delivery"), (3, 3, 0, "usefulness"), (9, 3, 3, "content"),
    ])
    func scale(content: UInt8, delivery: UInt8, usefulness: UInt8, dimension: String) throws {
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        let refusal = try fixture.rejection(World.score(0, world.lessonMonday, content, delivery, usefulness))
        #expect(refusal.code == "score.invalidValue")
        #expect(refusal.message.hasPrefix(dimension), "\(refusal.message)")
        #expect(try fixture.count("scores") == 0)
    }

    @Test("a score is excellent when its dimensions average 4.5 or more", arguments: [
        (UInt8(5), UInt8(5), UInt8(5), true), (5, 5, 4, true), (4, 5, 5, true), (5, 4, 4, false), (4, 4, 4, false), (1, 5, 5, false),
    ])
    func excellentThreshold(content: UInt8, delivery: UInt8, usefulness: UInt8, excellent: Bool) throws {
        #expect(ScoreScale.isExcellent(content: content, delivery: delivery, usefulness: usefulness) == excellent)
        let (fixture, world) = try World.make()
        try world.checkIn(0, at: world.lessonMonday, fixture)
        let score = try fixture.accept(World.score(0, world.lessonMonday, content, delivery, usefulness), as: ScoreRecorded.self)
        #expect(score.excellent == excellent)
    }

    @Test("a blank comment is dropped; one over 500 characters is refused; 500 Chinese characters are kept")
    func comments() throws {
        let (fixture, world) = try World.make()
        for index in 0..<3 { try world.checkIn(index, at: world.lessonMonday, fixture) }
        #expect(try fixture.accept(World.score(0, world.lessonMonday, 4, 4, 4, comment: " \n "), as: ScoreRecorded.self).comment == nil)
        let long = try fixture.rejection(World.score(1, world.lessonMonday, 4, 4, 4, comment: String(repeating: "好", count: 501)))
        #expect(long.code == "score.invalidComment" && long.message.contains("501"))
        let kept = String(repeating: "好", count: 500)
        #expect(try fixture.accept(World.score(2, world.lessonMonday, 4, 4, 4, comment: kept), as: ScoreRecorded.self).comment == kept)
    }

    @Test("an unknown lesson or member is refused by name")
    func unknowns() throws {
        let (fixture, world) = try World.make()
        let lesson = WireUUID.random()
        #expect(try fixture.rejection(World.score(0, lesson, 4, 4, 4)) == ("lesson.unknown", "lesson \(lesson) does not exist"))
        let stranger = SubmitScore(lesson: world.lessonMonday, memberNumber: "GD-9999", content: 4, delivery: 4, usefulness: 4)
        #expect(try fixture.rejection(stranger) == ("member.unknown", "member GD-9999 is not registered"))
    }

    @Test("commands scoring does not know, or cannot decode, are refused with their codes")
    func unknownCommands() throws {
        let fixture = try ScoringFixture()
        #expect(try fixture.rejection(ShowMemberScores(memberNumber: "GD-0001")).code == "command.unknown")
        let bytes: [UInt8] = [UInt8(SubmitScore.typeID & 0xFF), UInt8(SubmitScore.typeID >> 8), 5, 1, 2]
        guard case .rejected(let code, _) = try fixture.execute(bytes, at: fixture.time) else {
            Issue.record("a truncated SubmitScore was accepted")
            return
        }
        #expect(code == "command.malformed")
    }
}
