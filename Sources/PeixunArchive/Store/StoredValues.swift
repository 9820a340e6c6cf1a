import Foundation
import GRDB
import PeixunCodec

/// Uuids are stored as their 16 bytes.
enum StoredUUID {
    static func encode(_ id: WireUUID) -> Data { Data(id.bytes) }

    static func decode(_ data: Data) throws -> WireUUID {
        guard data.count == 16 else { throw ArchiveError("store.corrupt", "a stored id is \(data.count) bytes, not 16") }
        let bytes = [UInt8](data)
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}

extension Row {
    func uuid(_ column: String) throws -> WireUUID { try StoredUUID.decode(self[column]) }
    func bytes(_ column: String) -> [UInt8] { [UInt8]((self[column] as Data?) ?? Data()) }
}
