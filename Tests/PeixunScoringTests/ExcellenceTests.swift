import PeixunCodec
import PeixunMessages
import PeixunScoring
import Testing

/// Excellence rates per instructor, course and school: the share of excellent scores, with the
/// number of raters and a 95% Wilson interval, hidden until five different members scored.
@Suite("Excellence rates")
struct ExcellenceTests {
    /// Members 0…count-1 attend Monday's lesson (李娜, GT-01, the party school) and score it.
    static func scoreMonday(_ fixture: ScoringFixture, _ world: World, values: [(UInt8, UInt8, UInt8)]) throws {
        for (index, value) in values.enumerated() {
            try world.checkIn(index, at: world.lessonMonday, fixture)
            _ = try fixture.accept(World.score(index, world.lessonMonday, value.0, value.1, value.2), as: ScoreRecorded.self)
        }
    }

    @Test("an instructor's rating is hidden until five different members scored them, then shown with its interval")
    func hiddenUntilFiveRaters() throws {
        let (fixture, world) = try World.make()
        try Self.scoreMonday(fixture, world, values: [(5, 5, 5), (5, 5, 4), (3, 3, 3), (5, 5, 5)])
        let hidden = try #require(fixture.events(InstructorRatingUpdated.self).last)
        #expect(hidden.instructor == world.liNa && hidden.raters == 4 && hidden.scores == 4)
        #expect(hidden.excellentShare == nil && hidden.intervalLow == nil && hidden.intervalHigh == nil)
        let hiddenView = try fixture.ask(ShowExcellence(scope: .instructor, code: "T-01"), as: ExcellenceView.self)
        #expect(hiddenView.raters == 4 && hiddenView.excellent == 0 && hiddenView.excellentShare == nil)
        #expect(hiddenView.minimumRaters == 5 && hiddenView.name == "李娜")

        try world.checkIn(4, at: world.lessonMonday, fixture)
        _ = try fixture.accept(World.score(4, world.lessonMonday, 4, 4, 4), as: ScoreRecorded.self)
        let shown = try #require(fixture.events(InstructorRatingUpdated.self).last)
        #expect(shown.raters == 5 && shown.scores == 5 && shown.excellentShare == 0.6)
        #expect(abs((shown.intervalLow ?? -1) - 0.2307) < 0.0001 && abs((shown.intervalHigh ?? -1) - 0.8824) < 0.0001)
        let view = try fixture.ask(ShowExcellence(scope: .instructor, code: "T-01"), as: ExcellenceView.self)
        #expect(view.excellent == 3 && view.excellentShare == 0.6 && view.intervalLow == shown.intervalLow)
        #expect(try fixture.events(InstructorRatingUpdated.self).count == 5, "one rating update per score")
    }

    @Test("raters are different members: one member scoring two lessons of an instructor is one rater and two scores")
    func ratersAreMembers() throws {
        let (fixture, world) = try World.make()
        for lesson in [world.lessonMonday, world.lessonTuesday] {
            try world.checkIn(0, at: lesson, fixture)
            _ = try fixture.accept(World.score(0, lesson, 5, 5, 5), as: ScoreRecorded.self)
        }
        let rating = try #require(fixture.events(InstructorRatingUpdated.self).last)
        #expect(rating.raters == 1 && rating.scores == 2)
    }

    @Test("the interval is the 95% Wilson score interval", arguments: [
        (UInt32(8), UInt32(10), 0.4902, 0.9433), (5, 5, 0.5655, 1.0), (4, 6, 0.3000, 0.9032), (0, 5, 0.0, 0.4345),
    ])
    func wilson(excellent: UInt32, scores: UInt32, low: Double, high: Double) throws {
        let rate = ExcellenceRate(raters: scores, scores: scores, excellent: excellent)
        let interval = try #require(rate.interval)
        #expect(abs(interval.lowerBound - low) < 0.0001 && abs(interval.upperBound - high) < 0.0001, "\(interval)")
        #expect(rate.share == Double(excellent) / Double(scores))
    }

    @Test("fewer than five raters show no share and no interval, however many scores")
    func hiddenRate() {
        let rate = ExcellenceRate(raters: 4, scores: 40, excellent: 30)
        #expect(rate.share == nil && rate.interval == nil && !rate.isShown)
    }

    @Test("excellence per course and per school counts the scores of their lessons")
    func perCourseAndSchool() throws {
        let (fixture, world) = try World.make()
        // Five members score Monday (GT-01, party school): 4 excellent. Two score Wednesday
        // (RV-01, party school) and one scores Thursday (GT-01, the town school): not excellent.
        try Self.scoreMonday(fixture, world, values: [(5, 5, 5), (5, 5, 4), (5, 5, 5), (5, 4, 5), (2, 3, 3)])
        for index in [5, 6] {
            try world.checkIn(index, at: world.lessonWednesday, fixture)
            _ = try fixture.accept(World.score(index, world.lessonWednesday, 3, 3, 3), as: ScoreRecorded.self)
        }
        try world.checkIn(5, at: world.lessonThursday, fixture)
        _ = try fixture.accept(World.score(5, world.lessonThursday, 4, 4, 4), as: ScoreRecorded.self)

        let course = try fixture.ask(ShowExcellence(scope: .course, code: "GT-01"), as: ExcellenceView.self)
        #expect(course.name == World.theoryName && course.raters == 6 && course.scores == 6 && course.excellent == 4)
        #expect(course.excellentShare == 4.0 / 6.0)
        let partySchool = try fixture.ask(ShowExcellence(scope: .school, code: "442000-DX"), as: ExcellenceView.self)
        #expect(partySchool.name == "中山市委党校" && partySchool.raters == 7 && partySchool.scores == 7 && partySchool.excellent == 4)
        let townSchool = try fixture.ask(ShowExcellence(scope: .school, code: "442000-XL-DX"), as: ExcellenceView.self)
        #expect(townSchool.raters == 1 && townSchool.excellentShare == nil)
        let wang = try fixture.ask(ShowExcellence(scope: .instructor, code: "T-02"), as: ExcellenceView.self)
        #expect(wang.raters == 2 && wang.scores == 2 && wang.excellentShare == nil)
    }

    @Test("asking for an instructor, course or school scoring does not know is refused by code", arguments: [
        (ExcellenceScope.instructor, "instructor.unknown"), (.course, "course.unknown"), (.school, "school.unknown"),
    ])
    func unknownSubject(scope: ExcellenceScope, code: String) throws {
        let (fixture, _) = try World.make()
        let refusal = try fixture.queryRejection(ShowExcellence(scope: scope, code: "NOPE"))
        #expect(refusal.code == code && refusal.message.contains("NOPE"))
    }

    @Test("an instructor nobody scored yet has a hidden rate of zero scores")
    func unscored() throws {
        let (fixture, _) = try World.make()
        let view = try fixture.ask(ShowExcellence(scope: .instructor, code: "T-02"), as: ExcellenceView.self)
        #expect(view.raters == 0 && view.scores == 0 && view.excellentShare == nil && view.name == "王建国")
    }
}
