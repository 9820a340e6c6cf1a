public import PeixunCodec
import PeixunCalendar

/// What a report covers in time: events committed in `[start, end)` count as "in the window";
/// everything known before `end` counts for standing figures (roster, coverage, missed training).
/// `year` is the training year for coverage and missed training (China time).
public struct ReportWindow: Sendable, Hashable {
    public let start: WireTimestamp
    public let end: WireTimestamp
    public let year: Int
    /// `YYYY-MM` for a month, `YYYY` for a year.
    public let label: String

    /// A month given as `YYYY-MM` (China time); refused (`report.invalidMonth`) otherwise.
    public static func month(_ text: String) throws(ReportingError) -> ReportWindow {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), (2000...2100).contains(year), (1...12).contains(month)
        else {
            throw ReportingError("report.invalidMonth", "month \"\(text)\" is not YYYY-MM (2000-01 to 2100-12)")
        }
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        return ReportWindow(
            start: ChinaCalendar.start(year: year, month: month), end: ChinaCalendar.start(year: next.0, month: next.1),
            year: year, label: text)
    }

    /// A whole year (China time); refused (`report.invalidYear`) outside 2000–2100.
    public static func year(_ year: UInt32) throws(ReportingError) -> ReportWindow {
        guard (2000...2100).contains(year) else {
            throw ReportingError("report.invalidYear", "year \(year) is outside 2000–2100")
        }
        let value = Int(year)
        return ReportWindow(
            start: ChinaCalendar.start(year: value, month: 1), end: ChinaCalendar.start(year: value + 1, month: 1), year: value,
            label: String(value))
    }

    /// How flag details name the window's end: `2026-03月底`, `2026年底`.
    var closing: String { label.count == 4 ? "\(label)年底" : "\(label)月底" }

    /// The end of the window's training year: plans are judged against delivery only then.
    var yearEnd: WireTimestamp { ChinaCalendar.start(year: year + 1, month: 1) }
}
