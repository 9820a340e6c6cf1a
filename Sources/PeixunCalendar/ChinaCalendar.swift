public import PeixunCodec

/// Civil dates and times in China time (UTC+8, no daylight saving), by arithmetic rather than
/// Foundation's calendars: months and years must be the same on every machine, and a calendar
/// object per event or command is expensive on the hot paths. Every service uses this one.
public enum ChinaCalendar {
    static let offsetMicroseconds: Int64 = 8 * 3_600_000_000
    static let dayMicroseconds: Int64 = 86_400_000_000

    /// The first instant of `day` of `month` in `year`, China time.
    public static func start(year: Int, month: Int, day: Int = 1) -> WireTimestamp {
        let days = daysFromCivil(year: year, month: month, day: day)
        return WireTimestamp(microsecondsSinceEpoch: days * dayMicroseconds - offsetMicroseconds)
    }

    /// The China-time civil date and time of `time`.
    public static func civil(_ time: WireTimestamp) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = time.microsecondsSinceEpoch + offsetMicroseconds
        let days = floorDivide(local, dayMicroseconds)
        let seconds = Int((local - days * dayMicroseconds) / 1_000_000)
        let (year, month, day) = civilFromDays(days)
        return (year, month, day, seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// `2026-03-02 09:00`, China time: how times appear in flag details.
    public static func format(_ time: WireTimestamp) -> String {
        let c = civil(time)
        return "\(day(time)) \(pad(c.hour)):\(pad(c.minute))"
    }

    /// `2026-03-02`: the China-time day of `time`, as a day is asked for (`ShowDashboard.day`).
    public static func day(_ time: WireTimestamp) -> String {
        let c = civil(time)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    /// `2026-03-02T09:00:00+08:00`: how times appear in CSV exports.
    public static func iso(_ time: WireTimestamp) -> String {
        let c = civil(time)
        return "\(day(time))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))+08:00"
    }

    public static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day counted from 1970-01-01 (the codec's algorithm, in `Int`s).
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let (year, month, day) = WireTimestamp.civilDate(daysSinceEpoch: days)
        return (Int(year), Int(month), Int(day))
    }

    /// The China-time year of `time` (training years, duplicate training, credit-hour quotas).
    public static func year(_ time: WireTimestamp) -> Int { civil(time).year }
}
