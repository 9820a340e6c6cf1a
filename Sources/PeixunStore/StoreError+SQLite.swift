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
