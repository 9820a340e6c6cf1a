public import GRDB
public import Foundation
public import PeixunCodec

/// The statements a service runs for every command or event, prepared once per connection
/// (GRDB's statement cache) instead of parsed again each time: preparing was half the cost of a
/// command before (see the group-commit notes in docs/architecture.md).
extension Database {
    /// The first row `sql` finds, if any.
    public func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    public func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The integer `sql` selects (a count), 0 when it selects nothing or NULL.
    public func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try Int.fetchOne(cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// Whether `sql` finds a row.
    public func exists(_ sql: String, _ arguments: StatementArguments = []) throws -> Bool {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments) != nil
    }

    public func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

/// Uuids as every table stores them: their 16 bytes, in wire order.
public enum StoredUUID {
    public static func encode(_ id: WireUUID) -> Data { StoreColumns.blob(id) }

    /// The uuid in `data`; `.corrupt` when it is not 16 bytes.
    public static func decode(_ data: Data) throws(StoreError) -> WireUUID {
        try decode(data, column: "a uuid column")
    }

    /// The uuid in `data`; `.corrupt` naming `column` when it is not 16 bytes.
    public static func decode(_ data: Data, column: String) throws(StoreError) -> WireUUID {
        guard data.count == 16 else {
            throw StoreError(.corrupt, "\(column) holds \(data.count) bytes, not a 16-byte uuid")
        }
        let high = data.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = data.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}
