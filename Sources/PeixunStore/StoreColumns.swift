import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// Conversions between Peixun's wire types and SQLite's column types, in one place so every
/// table stores them the same way: sequences and times as INTEGER (SQLite integers are signed
/// 64-bit), uuids as 16-byte BLOBs in wire order, stream ids as their `storeKey` text.
enum StoreColumns {
    /// A sequence as SQLite stores it. Sequences start at 1 and grow by one per event, so one
    /// past `Int64.max` is unreachable in practice; it is still refused rather than wrapped.
    static func integer(_ sequence: UInt64, fileID: String = #fileID, line: Int = #line) throws -> Int64 {
        guard let value = Int64(exactly: sequence) else {
            throw StoreError(.corrupt, "sequence \(sequence) does not fit SQLite's INTEGER", fileID: fileID, line: line)
        }
        return value
    }

    /// A stored sequence, cursor or mark: never negative.
    static func sequence(_ value: Int64, column: String, fileID: String = #fileID, line: Int = #line) throws -> UInt64 {
        guard let sequence = UInt64(exactly: value) else {
            throw StoreError(.corrupt, "negative value in \(column)", fileID: fileID, line: line)
        }
        return sequence
    }

    static func blob(_ uuid: WireUUID) -> Data { Data(uuid.bytes) }

    static func uuid(_ data: Data, column: String, fileID: String = #fileID, line: Int = #line) throws -> WireUUID {
        guard data.count == 16 else {
            throw StoreError(
                .corrupt, "\(column) holds \(data.count) bytes, not a 16-byte uuid", fileID: fileID, line: line)
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in data.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        return WireUUID(high: high, low: low)
    }

    static func stream(_ key: String, fileID: String = #fileID, line: Int = #line) throws -> StreamID {
        guard let stream = StreamID(storeKey: key) else {
            throw StoreError(.corrupt, "\"\(key)\" is not a stream key (service/partition)", fileID: fileID, line: line)
        }
        return stream
    }

    static func uint16(_ value: Int64, column: String, fileID: String = #fileID, line: Int = #line) throws -> UInt16 {
        guard let result = UInt16(exactly: value) else {
            throw StoreError(
                .corrupt, "\(column) value \(value) is not a 16-bit unsigned number", fileID: fileID, line: line)
        }
        return result
    }
}

extension Row {
    // Typed reads that throw `.corrupt` instead of trapping: GRDB's subscripts stop the
    // process when a stored value cannot convert, and a damaged file must not take a service
    // down with it.

    func storedInteger(_ column: String, fileID: String = #fileID, line: Int = #line) throws -> Int64 {
        let value: DatabaseValue = self[column]
        guard case .int64(let integer) = value.storage else {
            throw StoreError(.corrupt, "\(column) is not an integer", fileID: fileID, line: line)
        }
        return integer
    }

    func storedText(_ column: String, fileID: String = #fileID, line: Int = #line) throws -> String {
        let value: DatabaseValue = self[column]
        guard case .string(let text) = value.storage else {
            throw StoreError(.corrupt, "\(column) is not text", fileID: fileID, line: line)
        }
        return text
    }

    func storedBlob(_ column: String, fileID: String = #fileID, line: Int = #line) throws -> Data {
        let value: DatabaseValue = self[column]
        guard case .blob(let data) = value.storage else {
            throw StoreError(.corrupt, "\(column) is not a blob", fileID: fileID, line: line)
        }
        return data
    }
}
