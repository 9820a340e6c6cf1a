import Foundation
import GRDB
import PeixunCodec

/// Uuids are stored as their 16 bytes.
enum StoredUUID {
    static func encode(_ id: WireUUID) -> Data { Data(id.bytes) }

    static func decode(_ data: Data) throws(ReportingError) -> WireUUID {
        guard data.count == 16 else { throw ReportingError("store.corrupt", "a stored id is \(data.count) bytes, not 16") }
        let high = data.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = data.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}

extension Row {
    /// The uuid in `column`, a corrupt-store refusal when it is not 16 bytes.
    func uuid(_ column: String) throws(ReportingError) -> WireUUID {
        try StoredUUID.decode(self[column] as Data? ?? Data())
    }

    func timestamp(_ column: String) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: self[column])
    }

    /// A count column as the schema's `u32` (SQLite counts are never negative).
    func count(_ column: String) -> UInt32 {
        UInt32(clamping: self[column] as Int64? ?? 0)
    }
}
