import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The monthly report (月报告) of an organisation and everything below it, computed from the
/// projection: a function of the events committed before the month ends, whenever it is asked.
enum MonthlyReportBuilder {
    static func build(organisationCode: String, month: String, in db: Database) throws -> MonthlyReport {
        let window = try ReportWindow.month(month)
        let scope = try Scope.organisation(code: organisationCode, in: db)
        return try build(scope, window, in: db)
    }

    static func build(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> MonthlyReport {
        guard let root = scope.root else { throw ReportingError("report.noOrganisation", "a monthly report needs an organisation") }
        let figures = try MonthlyFigures(scope, window, in: db)
        let coverage = try Coverage.rows(scope, window, in: db)
        let trainedBefore = try Coverage.trained(scope, window, before: window.start, in: db)
        let trainedNow = try Coverage.trained(scope, window, before: window.end, in: db)
        let schools = try Excellence.schools(scope, window, in: db)
        let scores = schools.reduce(UInt32(0)) { $0 + $1.scores }
        let excellent = schools.reduce(UInt32(0)) { $0 + $1.excellent }
        return MonthlyReport(
            organisation: root.id, organisationCode: root.code, organisationName: root.name, month: window.label,
            windowStart: window.start, windowEnd: window.end,
            cityPlansFiled: figures.plansByLevel[.city] ?? 0, countyPlansFiled: figures.plansByLevel[.county] ?? 0,
            grassrootsPlansFiled: figures.plansByLevel[.grassroots] ?? 0, classes: figures.classes, periods: figures.periods,
            lessonsScheduled: figures.lessonsScheduled, lessonsHeld: figures.lessonsHeld, enrollments: figures.enrollments,
            memberTrainings: figures.memberTrainings, uniqueMembersTrained: figures.uniqueMembersTrained,
            completionsConfirmed: figures.completionsConfirmed, coverage: coverage,
            coverageChange: Int64(trainedNow) - Int64(trainedBefore), scores: scores, excellentScores: excellent,
            excellenceRate: Excellence.rate(excellent, of: scores), schools: schools,
            plans: try PlanVariance.rows(scope, window, in: db), flags: try Flags.all(scope, window, in: db))
    }
}
