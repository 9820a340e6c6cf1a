import Foundation
import GRDB
import PeixunCodec
import PeixunStore

extension Row {
    /// The uuid in `column`; a corrupt store (`StoreError.corrupt`) when it is not 16 bytes.
    func uuid(_ column: String) throws(StoreError) -> WireUUID {
        try StoredUUID.decode(self[column] as Data? ?? Data(), column: column)
    }

    func timestamp(_ column: String) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: self[column])
    }

    /// A count column as the schema's `u32` (SQLite counts are never negative).
    func count(_ column: String) -> UInt32 {
        UInt32(clamping: self[column] as Int64? ?? 0)
    }
}
