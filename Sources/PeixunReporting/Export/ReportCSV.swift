public import PeixunMessages
import PeixunCalendar

/// Reports as CSV (RFC 4180, UTF-8, CRLF line ends, a header row), for spreadsheets. Numbers as
/// numbers, shares with four decimals, times ISO 8601 in China time, Chinese as is.
public enum ReportCSV {
    /// The monthly report as one table, one figure a row: `section,code,name,figure,value`. The
    /// headline figures (section `report`), coverage per organisation, excellence per school,
    /// planned against delivered per plan, then one row per flag (its kind as the figure, its
    /// detail as the value).
    public static func monthly(_ report: MonthlyReport) -> String {
        var rows: [[String]] = [["section", "code", "name", "figure", "value"]]
        let head = { (figure: String, value: String) in
            rows.append(["report", report.organisationCode, report.organisationName, figure, value])
        }
        head("month", report.month)
        for (figure, value) in [
            ("cityPlansFiled", report.cityPlansFiled), ("countyPlansFiled", report.countyPlansFiled),
            ("grassrootsPlansFiled", report.grassrootsPlansFiled), ("classes", report.classes), ("periods", report.periods),
            ("lessonsScheduled", report.lessonsScheduled), ("lessonsHeld", report.lessonsHeld),
            ("enrollments", report.enrollments), ("memberTrainings", report.memberTrainings),
            ("uniqueMembersTrained", report.uniqueMembersTrained), ("completionsConfirmed", report.completionsConfirmed),
            ("scores", report.scores), ("excellentScores", report.excellentScores),
        ] {
            head(figure, String(value))
        }
        head("coverageChange", String(report.coverageChange))
        head("excellenceRate", share(report.excellenceRate))
        for row in report.coverage {
            rows.append(["coverage", row.code, row.name, "rosterMembers", String(row.rosterMembers)])
            rows.append(["coverage", row.code, row.name, "trainedMembers", String(row.trainedMembers)])
            rows.append(["coverage", row.code, row.name, "coverage", share(row.coverage)])
        }
        for school in report.schools {
            rows.append(["excellence", school.code, school.name, "scores", String(school.scores)])
            rows.append(["excellence", school.code, school.name, "excellent", String(school.excellent)])
            rows.append(["excellence", school.code, school.name, "excellenceRate", share(school.excellenceRate)])
        }
        for plan in report.plans {
            for (figure, value) in [
                ("plannedClasses", plan.plannedClasses), ("deliveredClasses", plan.deliveredClasses),
                ("plannedPeriods", plan.plannedPeriods), ("deliveredPeriods", plan.deliveredPeriods),
                ("plannedTrainees", plan.plannedTrainees), ("deliveredTrainees", plan.deliveredTrainees),
            ] {
                rows.append(["plan", plan.code, plan.title, figure, String(value)])
            }
        }
        for flag in report.flags {
            rows.append(["flag", flag.subjectCode, flag.subjectName, flag.kind.name, flag.detail])
        }
        return render(rows)
    }

    /// `code,name,depth,roster_members,trained_members,coverage`.
    public static func coverage(_ rows: [CoverageRow]) -> String {
        render(
            [["code", "name", "depth", "roster_members", "trained_members", "coverage"]]
                + rows.map {
                    [$0.code, $0.name, String($0.depth), String($0.rosterMembers), String($0.trainedMembers), share($0.coverage)]
                })
    }

    /// `kind,organisation_code,subject_code,subject_name,at,detail`.
    public static func flags(_ flags: [Flag]) -> String {
        render(
            [["kind", "organisation_code", "subject_code", "subject_name", "at", "detail"]]
                + flags.map {
                    [$0.kind.name, $0.organisationCode, $0.subjectCode, $0.subjectName, ChinaCalendar.iso($0.at), $0.detail]
                })
    }

    static func share(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        return "\(scaled / 10_000).\(ChinaCalendar.pad(scaled % 10_000, 4))"
    }

    static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted when it holds a comma, quote, or line break (quotes doubled).
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
