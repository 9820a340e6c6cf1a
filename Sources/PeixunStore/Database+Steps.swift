public import GRDB
import GRDBSQLite
public import PeixunCodec

/// A value bound to a statement's parameter by ``Database/first(_:_:read:)`` and friends.
public enum SQLValue: Sendable {
    case int(Int64)
    case real(Double)
    case text(String)
    /// A uuid as every table stores it: its 16 bytes in wire order (``StoredUUID``).
    case uuid(WireUUID)
    case blob([UInt8])
    case null
}

/// The current row of a statement being stepped: valid only inside the closure it is passed to.
public struct SteppedRow {
    let statement: SQLiteStatement

    init(_ statement: SQLiteStatement) { self.statement = statement }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    public func real(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    public func text(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The integer in `column`; `.corrupt` when the column holds something else.
    public func storedInteger(_ column: Int32, name: String) throws(StoreError) -> Int64 {
        guard sqlite3_column_type(statement, column) == SQLITE_INTEGER else { throw StoreError(.corrupt, "\(name) is not an integer") }
        return int(column)
    }

    /// The text in `column`; `.corrupt` when the column holds something else.
    public func storedText(_ column: Int32, name: String) throws(StoreError) -> String {
        guard sqlite3_column_type(statement, column) == SQLITE_TEXT else { throw StoreError(.corrupt, "\(name) is not text") }
        return text(column)
    }

    /// The blob in `column`; `.corrupt` when the column holds something else.
    public func storedBlob(_ column: Int32, name: String) throws(StoreError) -> [UInt8] {
        guard sqlite3_column_type(statement, column) == SQLITE_BLOB else { throw StoreError(.corrupt, "\(name) is not a blob") }
        return blob(column)
    }

    /// The uuid stored in `column`; `.corrupt` when it is not 16 bytes.
    public func uuid(_ column: Int32, name: String = "a uuid column") throws(StoreError) -> WireUUID {
        let count = sqlite3_column_bytes(statement, column)
        guard count == 16, let bytes = sqlite3_column_blob(statement, column) else {
            throw StoreError(.corrupt, "\(name) holds \(count) bytes, not a 16-byte uuid")
        }
        let raw = UnsafeRawPointer(bytes)
        return WireUUID(
            high: UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
            low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }
}

/// Statements stepped by hand on the hot path of commands: the cached statement of GRDB, its
/// parameters bound straight from the values, its columns read straight from SQLite. GRDB's
/// `Row.fetchOne` copies every column of a row into a `Row` (an array of `DatabaseValue`s, a
/// `Data` per blob, a `String` per text) and `StatementArguments` allocates a `Data` per uuid;
/// on the enrollment commands that was most of the Swift side of each statement.
///
/// Use inside a transaction opened by `ServiceStore.write`/`read` (GRDB's checks before a
/// statement, for cancelled or suspended databases, do not apply to these).
extension Database {
    /// Reads the first row `sql` selects with `read`; nil when it selects nothing.
    public func first<T>(_ sql: String, _ arguments: [SQLValue] = [], read: (SteppedRow) throws -> T) throws -> T? {
        let statement = try bound(sql, arguments)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return try read(SteppedRow(statement))
        case SQLITE_DONE: return nil
        case let code: throw failure(code, sql)
        }
    }

    /// Whether `sql` selects a row.
    public func exists(_ sql: String, _ arguments: [SQLValue]) throws -> Bool {
        try first(sql, arguments) { _ in true } ?? false
    }

    /// Calls `body` with every row `sql` selects, in order.
    public func each(_ sql: String, _ arguments: [SQLValue] = [], _ body: (SteppedRow) throws -> Void) throws {
        let statement = try bound(sql, arguments)
        defer { sqlite3_reset(statement) }
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: try body(SteppedRow(statement))
            case SQLITE_DONE: return
            case let code: throw failure(code, sql)
            }
        }
    }

    /// Runs a statement that selects nothing (an insert, an update).
    public func perform(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let statement = try bound(sql, arguments)
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code, sql) }
    }

    private func bound(_ sql: String, _ arguments: [SQLValue]) throws -> SQLiteStatement {
        let statement = try cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(statement)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument {
            case .int(let value): code = sqlite3_bind_int64(statement, index, value)
            case .real(let value): code = sqlite3_bind_double(statement, index, value)
            case .null: code = sqlite3_bind_null(statement, index)
            case .text(var value):
                code = value.withUTF8 { sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient) }
            case .blob(let bytes) where bytes.isEmpty:
                // An empty array may have no address, and a blob bound from none is NULL: an empty
                // blob is a zero-length blob (a chain's first entry has an empty previous hash).
                code = sqlite3_bind_zeroblob(statement, index, 0)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
            case .uuid(let id):
                code = withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) {
                    sqlite3_bind_blob(statement, index, $0.baseAddress, 16, transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code, sql) }
        }
        return statement
    }

    private func failure(_ code: Int32, _ sql: String) -> DatabaseError {
        let message = sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        let extended = sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }
}

/// SQLite copies what is bound with this destructor, so values may be bound from temporaries.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
