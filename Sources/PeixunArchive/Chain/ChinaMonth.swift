import Foundation
public import PeixunCodec

/// A calendar month in China time (UTC+8), as committees keep their cabinets: "2024-03".
public struct ChinaMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar
    }()

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month `time` falls in.
    public init(_ time: WireTimestamp) {
        let date = Date(timeIntervalSince1970: Double(time.microsecondsSinceEpoch) / 1_000_000)
        let parts = Self.calendar.dateComponents([.year, .month], from: date)
        self.init(year: parts.year!, month: parts.month!)
    }

    /// "YYYY-MM", or nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public var description: String {
        String(format: "%04d-%02d", year, month)
    }

    public var next: ChinaMonth {
        month == 12 ? ChinaMonth(year: year + 1, month: 1) : ChinaMonth(year: year, month: month + 1)
    }

    /// The first instant after the month: midnight China time on the 1st of the next month.
    public var end: WireTimestamp {
        let date = Self.calendar.date(from: DateComponents(year: next.year, month: next.month, day: 1))!
        return WireTimestamp(microsecondsSinceEpoch: Int64(date.timeIntervalSince1970) * 1_000_000)
    }

    public static func < (lhs: ChinaMonth, rhs: ChinaMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
