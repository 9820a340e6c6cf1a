import PeixunDemo
import PeixunMessages
import Testing

/// The model keeps the rules the services enforce, so the demo's commands are accepted: the
/// only refusals are the ones it means.
@Suite("The demo's model keeps the services' rules")
struct DomainRulesTests {
    static let model = CityGenerator.generate(scale: .county, seed: 3, year: 2026)

    static var lessons: [DemoLesson] { model.classes.flatMap { $0.periods.flatMap(\.lessons) } }

    @Test("names are Chinese (UTF-8 CJK characters) for places, members and instructors")
    func chineseNames() {
        let isCJK = { (text: String) in !text.isEmpty && text.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(Self.model.members.allSatisfy { isCJK($0.name) && (2...4).contains($0.name.count) })
        #expect(Self.model.instructors.allSatisfy { isCJK($0.name) })
        #expect(Self.model.organisations.allSatisfy { $0.name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
        #expect(Self.model.organisations.allSatisfy { $0.name.count <= 64 })
    }

    @Test("codes are 1–32 ASCII letters, digits, '-' or '_'")
    func codes() {
        let valid = { (code: String) in (1...32).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }
        let model = CityGenerator.generate(scale: .city, seed: .max, year: 2026)
        let codes = model.organisations.map(\.code) + model.members.map(\.number) + model.classes.map(\.code) + model.courses.map(\.code)
            + model.instructors.map(\.code) + model.plans.map(\.code)
        #expect(codes.allSatisfy(valid))
        #expect(Set(codes).count == codes.count)
    }

    @Test("no instructor is booked for two lessons that overlap")
    func noDoubleBooking() {
        var booked: [Int: [DemoLesson]] = [:]
        for lesson in Self.lessons { booked[lesson.instructor, default: []].append(lesson) }
        for lessons in booked.values {
            for (a, b) in zip(lessons, lessons.dropFirst()) { #expect(a.end <= b.start || b.end <= a.start) }
        }
    }

    @Test("no member is enrolled in two periods (all periods of the demo overlap)")
    func onePeriodEach() {
        let enrolled = Self.model.classes.flatMap { $0.periods.flatMap(\.members) }
        #expect(Set(enrolled).count == enrolled.count)
        #expect(enrolled.count < Self.model.members.count, "coverage below 100%: some members stay untrained")
    }

    @Test("members are enrolled only in classes whose target group they belong to, within capacity")
    func eligibleAndSeated() {
        for trainingClass in Self.model.classes {
            for period in trainingClass.periods {
                #expect(period.members.count <= Int(period.capacity))
                for member in period.members where !trainingClass.targets.isEmpty {
                    #expect(!Set(trainingClass.targets).isDisjoint(with: Self.model.members[member].categories))
                }
            }
        }
    }

    @Test("every period opens with political theory, and two thirds of its lessons are political theory")
    func politicalTheoryFirst() {
        for period in Self.model.classes.flatMap(\.periods) {
            let byStart = period.lessons.sorted { $0.start < $1.start }
            #expect(Self.model.courses[byStart[0].course].module == .politicalTheory)
            let theory = period.lessons.filter { Self.model.courses[$0.course].module == .politicalTheory }.count
            #expect(theory * 3 >= period.lessons.count * 2)
        }
    }

    @Test("every lesson runs now: it starts 5–9 minutes after the demo and lasts 90–120 minutes, inside its period")
    func lessonsRunNow() {
        for period in Self.model.classes.flatMap(\.periods) {
            for lesson in period.lessons {
                #expect((300...540).contains(lesson.start))
                #expect((5400...7200).contains(lesson.end - lesson.start))
                #expect(period.start <= lesson.start && lesson.end <= period.end)
            }
        }
    }

    @Test("every lesson has check-ins from more than one source, within its venues' capacity: no fake-training flag")
    func attendanceLooksReal() {
        for lesson in Self.lessons {
            #expect(!lesson.checkIns.isEmpty)
            if lesson.checkIns.count >= 5 { #expect(Set(lesson.checkIns.map(\.source)).count > 1) }
            var perVenue: [String: Int] = [:]
            for checkIn in lesson.checkIns { perVenue[checkIn.venueCode, default: 0] += 1 }
            #expect(perVenue["", default: 0] <= Int(lesson.venue.capacity))
            for venue in lesson.branchVenues { #expect(perVenue[venue.code, default: 0] <= Int(venue.capacity)) }
        }
    }

    @Test("scores come only from members who checked in to the lesson; exams only in exam classes from attendees")
    func scoresAndExamsFromAttendees() {
        for lesson in Self.lessons { #expect(Set(lesson.scores.map(\.member)).isSubset(of: lesson.checkIns.map(\.member))) }
        for trainingClass in Self.model.classes {
            for period in trainingClass.periods {
                let attended = Set(period.lessons.flatMap { $0.checkIns.map(\.member) })
                #expect(period.exams.isEmpty || trainingClass.examPassMark != nil)
                #expect(Set(period.exams.map(\.member)).isSubset(of: attended))
            }
        }
    }

    @Test("each duplicate attempt is by a member who completed a course the target period teaches, in a class that closes last")
    func duplicateAttempts() {
        #expect(Self.model.duplicates.count == 10)
        for attempt in Self.model.duplicates {
            let target = Self.model.classes[attempt.classIndex]
            #expect(target.closesLast)
            let taught = Set(target.periods[Int(attempt.periodNumber) - 1].lessons.map(\.course))
            let own = Self.model.classes.first { $0.periods.contains { $0.members.contains(attempt.member) } }!
            let period = own.periods.first { $0.members.contains(attempt.member) }!
            #expect(Completion.completers(of: period, in: own).contains(attempt.member))
            let attendedCourses = Set(period.lessons.filter { $0.checkIns.contains { $0.member == attempt.member } }.map(\.course))
            #expect(!attendedCourses.isDisjoint(with: taught))
        }
    }

    @Test("plans promise what their classes deliver; each town's micro-school class runs without one")
    func plans() {
        let totals = DemoTotals(Self.model)
        #expect(Self.model.plans.map(\.plannedClasses).reduce(0, +) == UInt32(totals.classes - totals.unfiledClasses))
        #expect(totals.unfiledClasses == 4)
    }
}
