/// A point in time: microseconds since 1970-01-01T00:00:00Z, UTC, no leap seconds (Unix time).
public struct WireTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    @inlinable public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public static let epoch = WireTimestamp(microsecondsSinceEpoch: 0)

    public static func < (lhs: WireTimestamp, rhs: WireTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// ISO 8601 in UTC with microseconds, e.g. `2024-03-01T08:30:00.000000Z`.
    public var description: String {
        let micros = microsecondsSinceEpoch
        // Floor division without intermediate overflow (`micros - 999_999` traps for Int64.min).
        let remainder = micros % 1_000_000
        let seconds = micros / 1_000_000 - (remainder < 0 ? 1 : 0)
        let fraction = remainder < 0 ? remainder + 1_000_000 : remainder
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar): the year, month
    /// and day of a day counted from 1970-01-01.
    public static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WireTimestamp {
    /// The current time (the system's real-time clock).
    public static var now: WireTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return WireTimestamp(microsecondsSinceEpoch: Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000)
    }
}
