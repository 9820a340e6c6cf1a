import GRDB

extension StoreError {
    /// SQLite's result codes and message, without the statement or its arguments: SQLite's
    /// messages name tables and constraints, never bound values.
    static func sqliteSummary(_ cause: any Error) -> String? {
        guard let error = cause as? DatabaseError else { return nil }
        var text = "SQLite error \(error.extendedResultCode.rawValue)"
        if let message = error.message { text += ": \(message)" }
        return text
    }

    /// Runs `body`, turning a GRDB error into a `StoreError` with `code`; any other error
    /// (a `StoreError` from deeper down, the caller's own) passes through unchanged.
    static func wrappingSQLite<T>(
        _ code: Code, _ message: @autoclosure () -> String, path: String? = nil,
        fileID: String = #fileID, line: Int = #line, _ body: () throws -> T
    ) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(code, message(), path: path, cause: error, fileID: fileID, line: line)
        }
    }
}

extension StoreError {
    /// Why a write was refused, in words a client can be shown, when the cause is the store's
    /// condition rather than a bug: a full disk, a read-only file, an I/O error, a lock held too
    /// long. Nil for anything else (which stays in the service's log).
    public static func conditionRefusingWrites(_ error: any Error) -> String? {
        let cause = (error as? StoreError)?.cause ?? error
        guard let database = cause as? DatabaseError else { return nil }
        switch database.resultCode {
        case .SQLITE_FULL: return "the store's disk is full; no writes until there is space again"
        case .SQLITE_READONLY: return "the store is read-only; no writes until it is writable again"
        case .SQLITE_IOERR: return "the store's disk reported an I/O error"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "the store was locked by another connection past the timeout"
        default: return nil
        }
    }
}
