import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Reading the store's encodings back (EnrollmentStore: ids as 16-byte blobs, times as
/// microseconds, enums as raw values, category sets as comma-separated raw values).
enum QueryValues {
    static func id(_ row: Row, _ column: String) throws -> WireUUID {
        try StoredUUID.decode(row[column])
    }

    static func time(_ row: Row, _ column: String) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: row[column])
    }

    static func optionalTime(_ row: Row, _ column: String) -> WireTimestamp? {
        (row[column] as Int64?).map { WireTimestamp(microsecondsSinceEpoch: $0) }
    }

    static func count(_ row: Row, _ column: String) -> UInt32 {
        UInt32(clamping: row[column] as Int64? ?? 0)
    }

    /// An enum column; a value the schema does not know means the file is not this service's.
    static func value<E: RawRepresentable<UInt32>>(_ row: Row, _ column: String, as _: E.Type = E.self) throws -> E {
        let raw: Int64 = row[column]
        guard let value = UInt32(exactly: raw).flatMap(E.init(rawValue:)) else {
            throw EnrollmentError("store.corrupt", "\(column) holds \(raw), not a \(E.self)")
        }
        return value
    }

    static func categories(_ row: Row, _ column: String) throws -> [MemberCategory] {
        let text: String = row[column]
        return try text.split(separator: ",").map { part in
            guard let raw = UInt32(part), let category = MemberCategory(rawValue: raw) else {
                throw EnrollmentError("store.corrupt", "\(column) holds \"\(text)\", not a list of member categories")
            }
            return category
        }
    }
}
