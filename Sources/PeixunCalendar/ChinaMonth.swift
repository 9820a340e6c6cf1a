public import PeixunCodec

/// A calendar month in China time (UTC+8), as committees keep their cabinets: "2024-03".
public struct ChinaMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month `time` falls in.
    public init(_ time: WireTimestamp) {
        let civil = ChinaCalendar.civil(time)
        self.init(year: civil.year, month: civil.month)
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
        "\(ChinaCalendar.pad(year, 4))-\(ChinaCalendar.pad(month))"
    }

    public var next: ChinaMonth {
        month == 12 ? ChinaMonth(year: year + 1, month: 1) : ChinaMonth(year: year, month: month + 1)
    }

    /// The first instant after the month: midnight China time on the 1st of the next month.
    public var end: WireTimestamp {
        ChinaCalendar.start(year: next.year, month: next.month)
    }

    public static func < (lhs: ChinaMonth, rhs: ChinaMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
