import Foundation
import GRDB
import PeixunCodec

/// Uuids are stored as their 16 bytes.
enum StoredUUID {
    static func encode(_ id: WireUUID) -> Data { Data(id.bytes) }

    static func decode(_ data: Data) throws -> WireUUID {
        guard data.count == 16 else { throw ScoringError("store.corrupt", "a stored id is \(data.count) bytes, not 16") }
        let high = data.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = data.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}

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
