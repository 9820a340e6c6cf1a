import Foundation
import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import Testing

/// A month at a city's scale: the figures stay right and the report is computed in seconds.
@Suite("A city-sized month")
struct CityScaleTests {
    /// 中山市 → 5 towns → 20 villages each → 200 members each (20,000 members); 100 town classes of
    /// 80 trainees, each with two lessons; 8,000 completions, 16,000 check-ins, 8,000 scores.
    @Test("20,000 members and 8,000 trainings: coverage, trainings, lessons held and missed training are counted exactly")
    func cityMonth() throws {
        let fixture = try ReportingFixture()
        var events: [ReceivedEvent] = []
        let registered = World.time(1, 1)
        events.append(try fixture.received(OrganisationRegistered(organisation: World.city, name: "中山市", kind: .city, code: "442000"), at: registered))
        var members: [(WireUUID, WireUUID)] = []  // (member, town)
        for town in 1...5 {
            let townID = World.id(11, UInt64(town))
            events.append(try fixture.received(
                OrganisationRegistered(organisation: townID, parent: World.city, name: "镇\(town)", kind: .town, code: "T\(town)"), at: registered))
            for village in 1...20 {
                let villageID = World.id(12, UInt64(town * 100 + village))
                events.append(try fixture.received(
                    OrganisationRegistered(organisation: villageID, parent: townID, name: "村\(town)-\(village)", kind: .village,
                                           code: "T\(town)-V\(village)"), at: registered))
                for n in 1...200 {
                    let member = World.id(13, UInt64(members.count + 1))
                    members.append((member, townID))
                    events.append(try fixture.received(
                        MemberRegistered(member: member, branch: villageID, name: "党员\(members.count)", categories: [.village],
                                         memberNumber: "M\(members.count)", branchCode: "T\(town)-V\(village)"), at: registered))
                    _ = n
                }
            }
        }
        for index in 0..<100 {
            let classID = World.id(14, UInt64(index)), periodID = World.id(15, UInt64(index))
            let townID = World.id(11, UInt64(index % 5 + 1))
            let start = World.time(3, index % 28 + 1)
            events.append(try fixture.received(
                ClassScheduled(trainingClass: classID, code: "C\(index)", name: "班\(index)", organiser: townID, planStatus: .acknowledged,
                               periods: [PeriodSummary(period: periodID, number: 1, start: start, end: start, capacity: 80)]),
                at: World.time(2, 1)))
            let lessons = [World.id(16, UInt64(index * 2)), World.id(16, UInt64(index * 2 + 1))]
            for lesson in lessons {
                events.append(try fixture.received(
                    LessonScheduled(lesson: lesson, period: periodID, start: start, end: start,
                                    venue: Venue(venue: World.venue(lesson), capacity: 100), mode: .classroom, trainingClass: classID,
                                    module: .politicalTheory,
                                    organiser: townID), at: World.time(2, 1)))
            }
            for trainee in 0..<80 {
                let member = members[index * 80 + trainee].0
                for (offset, lesson) in lessons.enumerated() {
                    events.append(try fixture.received(
                        CheckedIn(lesson: lesson, member: member, venue: World.venue(lesson), at: start, method: .qrCode,
                                  source: "kiosk-\(trainee)"), at: World.time(3, index % 28 + 1, 9 + offset)))
                }
                events.append(try fixture.received(
                    PeriodCompleted(member: member, period: periodID, trainingClass: classID, year: 2026), at: World.time(3, index % 28 + 1, 18)))
                events.append(try fixture.received(
                    ScoreRecorded(score: World.id(17, UInt64(index * 80 + trainee)), organiser: townID, excellent: trainee % 4 != 0),
                    at: World.time(3, index % 28 + 1, 18), from: "scoring"))
            }
        }
        let clock = ContinuousClock()
        let applying = try clock.measure { try fixture.apply(events) }
        var report: MonthlyReport?
        let computing = try clock.measure { report = try fixture.monthly("442000", "2026-03").report }
        let city = try #require(report)
        #expect((city.classes, city.periods, city.lessonsScheduled, city.lessonsHeld) == (100, 100, 200, 200), "the towns' classes count for the city above them")
        #expect((city.memberTrainings, city.uniqueMembersTrained) == (8_000, 8_000))
        let root = try #require(city.coverage.first)
        #expect((root.rosterMembers, root.trainedMembers, root.coverage) == (20_000, 8_000, 0.4))
        #expect(city.coverage.count == 106)
        #expect(city.flags.filter { $0.kind == .missedTraining }.count == 12_000)
        #expect((city.scores, city.excellentScores) == (8_000, 6_000))
        let town = try fixture.monthly("T1", "2026-03").report
        #expect((town.classes, town.lessonsScheduled, town.lessonsHeld) == (20, 40, 40))
        var view: DashboardView?
        let dashboard = try clock.measure { view = try fixture.dashboard("442000", "2026-03-31") }
        let board = try #require(view)
        #expect((board.memberTrainings, board.missedTraining, board.coverage.count) == (8_000, 12_000, 106))
        #expect(board.organisations.count == 106)
        print("city-sized month: \(events.count) events applied in \(applying); the city's report in \(computing); "
            + "its dashboard in \(dashboard)")
    }
}
