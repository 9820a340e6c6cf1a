import Foundation
import GRDB
import PeixunCodec

extension WireTimestamp {
    init(stored value: Int64) { self.init(microsecondsSinceEpoch: value) }

    /// `2024-03-11 09:00` in China time (UTC+8), for refusal messages.
    var chinaText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000))
    }
}

/// Numbers in messages as people write them: 86, 92.5.
enum NumberText {
    static func of(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
