import PeixunCalendar
import PeixunCodec

/// The day a dashboard shows (China time) and the windows its figures use. Every window ends
/// with the day: what was committed before the day ends counts. For today that is everything
/// the store has applied, so the figures and the store's cursors describe the same events.
struct DashboardDay: Sendable, Hashable {
    let year: Int
    let month: Int
    let day: Int
    /// `YYYY-MM-DD`.
    let label: String

    /// A day given as `YYYY-MM-DD`; refused (`report.invalidDay`) otherwise, or outside 2000–2100.
    static func parse(_ text: String) throws(ReportingError) -> DashboardDay {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...2100).contains(year), (1...12).contains(month), (1...31).contains(day)
        else {
            throw ReportingError("report.invalidDay", "day \"\(text)\" is not YYYY-MM-DD (2000-01-01 to 2100-12-31)")
        }
        // 2026-02-30 would silently become 2 March: a day must come back from the calendar as given.
        let days = ChinaCalendar.daysFromCivil(year: year, month: month, day: day)
        guard ChinaCalendar.civilFromDays(days) == (year, month, day) else {
            throw ReportingError("report.invalidDay", "day \"\(text)\" does not exist")
        }
        return DashboardDay(year: year, month: month, day: day, label: text)
    }

    var start: WireTimestamp { ChinaCalendar.start(year: year, month: month, day: day) }

    /// The next day's first instant (China time has no daylight saving: every day is 24 hours).
    var end: WireTimestamp { WireTimestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + 86_400_000_000) }

    /// `YYYY-MM`.
    var monthLabel: String { String(label.prefix(7)) }

    /// The day itself: lessons starting on it, check-ins committed in it.
    var window: ReportWindow { ReportWindow(start: start, end: end, year: year, label: label) }

    /// The month to the day's end: the monthly report's figures so far.
    var monthToDate: ReportWindow {
        ReportWindow(start: ChinaCalendar.start(year: year, month: month), end: end, year: year, label: monthLabel)
    }

    /// The year to the day's end: coverage, plans, instructor scores, dated flags.
    var yearToDate: ReportWindow {
        ReportWindow(start: ChinaCalendar.start(year: year, month: 1), end: end, year: year, label: String(year))
    }
}
