import Foundation
import PeixunCalendar
public import PeixunCodec
import PeixunMessages
import PeixunRuntime
public import ZeroMQ

/// One figure, as the demo drove it and as reporting reports it.
public struct FigureComparison: Sendable, Hashable {
    public var figure: String
    public var demo: Int
    public var reporting: Int
    public var matches: Bool { demo == reporting }
}

/// Asks reporting for the figures the demo drove and compares them, waiting (up to a deadline)
/// for reporting to catch up with the events: its monthly report of the demo's root for every
/// China-time month from the demo's start to now (the additive figures summed over them, so a run
/// across midnight at a month's end still adds up; coverage, a standing figure, from the last
/// month), and its year's flags.
public struct ReportingCheck {
    let queries: QueryClient
    let rootCode: String
    let started: WireTimestamp
    let year: Int

    public init(
        context: ZMQContext, broker: String, curve: ZMQCurveClientKeys? = nil, rootCode: String, started: WireTimestamp,
        year: Int
    ) throws {
        queries = try QueryClient(context: context, broker: broker, curve: curve)
        self.rootCode = rootCode
        self.started = started
        self.year = year
    }

    /// Polls until every figure matches or `deadline` passes; returns the last comparison. A
    /// poll reporting does not answer in time (busy applying events, or computing a city's report)
    /// counts as not caught up yet; at the deadline it is the failure.
    public func compare(_ driven: DemoTotals, within deadline: Duration, onPoll: (String) -> Void = { _ in }) throws -> [FigureComparison] {
        let clock = ContinuousClock()
        let giveUp = clock.now + deadline
        while true {
            let asked = clock.now
            do {
                let comparison = Self.pair(expected: Self.expected(driven), reported: try reported())
                let differing = comparison.filter { !$0.matches }.count
                onPoll("reporting answered in \(asked.duration(to: clock.now)): \(differing) of \(comparison.count) figures still differ")
                if differing == 0 || clock.now >= giveUp { return comparison }
            } catch let error as QueryClientError {
                onPoll("reporting did not answer: \(error)")
                if clock.now >= giveUp { throw DemoError.reporting(query: "ShowMonthlyReport", code: "noAnswer", message: "\(error)") }
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// The figures, in the order they are printed, from the demo's totals.
    static func expected(_ totals: DemoTotals) -> [(String, Int)] {
        [
            ("cityPlansFiled", totals.plansByLevel[.city] ?? 0), ("countyPlansFiled", totals.plansByLevel[.county] ?? 0),
            ("grassrootsPlansFiled", totals.plansByLevel[.grassroots] ?? 0), ("classes", totals.classes), ("periods", totals.periods),
            ("lessonsScheduled", totals.lessons), ("lessonsHeld", totals.lessons), ("enrollments", totals.enrollments),
            ("memberTrainings", totals.completions), ("uniqueMembersTrained", totals.completions),
            ("completionsConfirmed", totals.completionsConfirmed), ("scores", totals.scores), ("excellentScores", totals.excellentScores),
            ("rosterMembers", totals.members), ("trainedMembers", totals.completions),
            ("duplicateTrainingFlags", totals.intendedRefusals), ("unfiledPlanFlags", totals.unfiledClasses),
            ("fakeTrainingFlags", 0),
        ]
    }

    static func pair(expected: [(String, Int)], reported: [String: Int]) -> [FigureComparison] {
        expected.map { FigureComparison(figure: $0.0, demo: $0.1, reporting: reported[$0.0] ?? -1) }
    }

    /// The months (YYYY-MM, China time) from the demo's start to now.
    func months(until now: WireTimestamp = .now) -> [String] {
        let last = ChinaMonth(now)
        return Array(sequence(first: ChinaMonth(started)) { $0 < last ? $0.next : nil }.map(\.description))
    }

    func reported() throws -> [String: Int] {
        var figures: [String: Int] = [:]
        var lastReport: MonthlyReport?
        for month in months() {
            let report = try ask(ShowMonthlyReport(organisationCode: rootCode, month: month), MonthlyReportView.self).report
            Self.add(report, to: &figures)
            lastReport = report
        }
        let root = lastReport?.coverage.first
        figures["rosterMembers"] = Int(root?.rosterMembers ?? 0)
        figures["trainedMembers"] = Int(root?.trainedMembers ?? 0)
        let flags = try ask(ListFlags(organisationCode: rootCode, year: UInt32(year)), FlagList.self).flags
        figures["duplicateTrainingFlags"] = flags.filter { $0.kind == .duplicateTraining }.count
        figures["unfiledPlanFlags"] = flags.filter { $0.kind == .unfiledPlan }.count
        figures["fakeTrainingFlags"] = flags.filter { [.lessonWithoutCheckIns, .overCapacity, .checkInBurst].contains($0.kind) }.count
        return figures
    }

    static func add(_ report: MonthlyReport, to figures: inout [String: Int]) {
        let additive: [(String, UInt32)] = [
            ("cityPlansFiled", report.cityPlansFiled), ("countyPlansFiled", report.countyPlansFiled),
            ("grassrootsPlansFiled", report.grassrootsPlansFiled), ("classes", report.classes), ("periods", report.periods),
            ("lessonsScheduled", report.lessonsScheduled), ("lessonsHeld", report.lessonsHeld), ("enrollments", report.enrollments),
            ("memberTrainings", report.memberTrainings), ("uniqueMembersTrained", report.uniqueMembersTrained),
            ("completionsConfirmed", report.completionsConfirmed), ("scores", report.scores), ("excellentScores", report.excellentScores),
        ]
        for (figure, value) in additive { figures[figure, default: 0] += Int(value) }
    }

    private func ask<Q: WireMessage, R: WireMessage>(_ query: Q, _: R.Type) throws -> R {
        // A city's report walks every member: give it the broker's longest deadline, once.
        let reply = try queries.ask(query, service: "reporting", timeout: .seconds(60), attempts: 1)
        guard reply.status == .accepted else { throw DemoError.reporting(query: Q.typeName, code: reply.code, message: reply.message) }
        return try R(decoding: reply.result)
    }
}
