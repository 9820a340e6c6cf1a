import Foundation
import PeixunCodec

/// Times on the command line: ISO 8601, read in China time (UTC+8, no daylight saving) when no
/// zone is given, because that is the time every user of Peixun means; printed in China time.
enum ChinaTime {
    static let offsetSeconds: Int64 = 8 * 3600

    /// What a time may look like: `2026-03-01`, `2026-03-01T09:30`, `2026-03-01 09:30:15`, each
    /// optionally followed by `Z`, `+08:00`, `+0800` or `-05`. A date alone is the start of the
    /// day, or with `endOfDay` its last second (so a period `…,2026-03-05,…` includes the 5th).
    static func parse(_ text: String, endOfDay: Bool = false) -> WireTimestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let separator = trimmed.firstIndex { $0 == "T" || $0 == "t" || $0 == " " }
        let datePart = separator.map { trimmed[..<$0] } ?? trimmed[...]
        guard let days = days(of: datePart) else { return nil }
        guard let separator else {
            let seconds = days * 86_400 + (endOfDay ? 86_399 : 0) - offsetSeconds
            return WireTimestamp(microsecondsSinceEpoch: seconds * 1_000_000)
        }
        var rest = trimmed[trimmed.index(after: separator)...]
        var offset = offsetSeconds
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let zone = zoneOffset(rest[sign...]) else { return nil }
            offset = zone
            rest = rest[..<sign]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 }),
            let hour = Int64(clock[0]), let minute = Int64(clock[1]), let second = clock.count == 3 ? Int64(clock[2]) : 0,
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
        else { return nil }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return WireTimestamp(microsecondsSinceEpoch: seconds * 1_000_000)
    }

    /// `2026-03-01T09:30:00+08:00`.
    static func format(_ time: WireTimestamp) -> String {
        let shifted = WireTimestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + offsetSeconds * 1_000_000)
        // The codec's own ISO form (UTC, microseconds), cut to seconds and given China's offset.
        return String(shifted.description.prefix(19)) + "+08:00"
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD` (Howard Hinnant's days-from-civil).
    private static func days(of text: Substring) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `+08:00`, `+0800`, `+08`, `-05:30` → seconds east of UTC.
    private static func zoneOffset(_ text: Substring) -> Int64? {
        let sign: Int64 = text.first == "-" ? -1 : 1
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int64(digits) else { return nil }
        let (hours, minutes) = digits.count == 2 ? (value, Int64(0)) : (value / 100, value % 100)
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
