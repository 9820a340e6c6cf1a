import Foundation
import GRDB
import PeixunCalendar
import PeixunCodec

extension WireTimestamp {
    init(stored value: Int64) { self.init(microsecondsSinceEpoch: value) }

    /// `2024-03-11 09:00` in China time (UTC+8), for refusal messages.
    var chinaText: String { ChinaCalendar.format(self) }
}

/// Numbers in messages as people write them: 86, 92.5.
enum NumberText {
    static func of(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
