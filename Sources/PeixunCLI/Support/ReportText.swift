import PeixunMessages
import PeixunReporting

/// Reports as text for people: the headline figures, then coverage and flags, one a line.
enum ReportText {
    static func monthly(_ report: MonthlyReport, published: Bool) -> String {
        var lines = [
            "\(report.organisationName) (\(report.organisationCode)) \(report.month) 月报告\(published ? " (published)" : "")",
            "plans filed: city \(report.cityPlansFiled), county \(report.countyPlansFiled), grassroots \(report.grassrootsPlansFiled)",
            "classes \(report.classes), periods \(report.periods), lessons \(report.lessonsHeld) held of \(report.lessonsScheduled)",
            "enrollments \(report.enrollments), member-trainings \(report.memberTrainings), members trained \(report.uniqueMembersTrained)",
            "scores \(report.scores), excellent \(report.excellentScores) (\(percent(report.excellenceRate)))",
            "coverage (change \(report.coverageChange >= 0 ? "+" : "")\(report.coverageChange)):",
        ]
        lines += coverageLines(report.coverage)
        lines.append("flags: \(report.flags.count)")
        lines += report.flags.map(flagLine)
        return lines.joined(separator: "\n")
    }

    static func coverage(_ rows: [CoverageRow], year: UInt32) -> String {
        (["coverage \(year):"] + coverageLines(rows)).joined(separator: "\n")
    }

    static func flags(_ flags: [Flag]) -> String {
        (["flags: \(flags.count)"] + flags.map(flagLine)).joined(separator: "\n")
    }

    static func coverageLines(_ rows: [CoverageRow]) -> [String] {
        rows.map { row in
            String(repeating: "  ", count: Int(row.depth) + 1)
                + "\(row.name) (\(row.code)): \(row.trainedMembers)/\(row.rosterMembers) \(percent(row.coverage))"
        }
    }

    static func flagLine(_ flag: Flag) -> String {
        "  \(flag.kind.name) \(flag.organisationCode) \(flag.subjectCode) \(flag.subjectName): \(flag.detail)"
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
