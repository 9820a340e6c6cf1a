/// Why a store operation failed: a stable code, a readable message, the store file, the
/// underlying error (usually GRDB's `DatabaseError`) and where in Peixun it was raised.
///
/// Shaped after swift-nio's `FileSystemError` (a `Code` wrapping a private enum, so cases can be
/// added without breaking a `switch`) and postgres-nio's `PSQLError`: ``description`` never shows
/// payload bytes, command replies or bound SQL arguments; ``debugDescription`` adds the cause's
/// text for a developer's eyes.
public struct StoreError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    /// A stable, comparable reason.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case cannotOpen, migrationFailed, databaseFailed, encodingFailed, corrupt, sequenceGap
            case unknownEventType, beyondHead, beyondPublished, commandAlreadyRecorded
            case destinationExists, backupFailed
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file or its folder could not be created or opened, or its settings not applied.
        public static let cannotOpen = Code(.cannotOpen)
        /// A runtime or service migration failed (the file keeps its previous schema).
        public static let migrationFailed = Code(.migrationFailed)
        /// SQLite refused a statement or a commit (busy past the timeout, disk full, I/O error…).
        public static let databaseFailed = Code(.databaseFailed)
        /// An event could not be encoded (a codec limit was broken).
        public static let encodingFailed = Code(.encodingFailed)
        /// A stored row does not have the shape the runtime writes (bad stream key, uuid length…).
        public static let corrupt = Code(.corrupt)
        /// Events that must exist are missing from the outbox (pruned, or lost).
        public static let sequenceGap = Code(.sequenceGap)
        /// No schema version was given and the event's type id is in no known message family.
        public static let unknownEventType = Code(.unknownEventType)
        /// A published mark past the stream's head: nothing can have been sent that far.
        public static let beyondHead = Code(.beyondHead)
        /// A prune past the published mark: it would delete events nobody has been sent.
        public static let beyondPublished = Code(.beyondPublished)
        /// A command id recorded twice: a programming error (use `CommandLedger.execute`).
        public static let commandAlreadyRecorded = Code(.commandAlreadyRecorded)
        /// A backup would overwrite a file that already exists.
        public static let destinationExists = Code(.destinationExists)
        /// SQLite's backup of a store failed, or the copy failed its integrity check.
        public static let backupFailed = Code(.backupFailed)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What went wrong, in words; never payloads or replies.
    public var message: String
    /// The store file concerned, when known.
    public var path: String?
    /// The error this one wraps (GRDB's `DatabaseError`, a `WireError`…).
    public var cause: (any Error)?
    public var fileID: String
    public var line: Int

    public init(
        _ code: Code, _ message: String, path: String? = nil, cause: (any Error)? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.cause = cause
        self.fileID = fileID
        self.line = line
    }

    public var description: String {
        var text = "StoreError.\(code): \(message)"
        if let path { text += " (store: \(path))" }
        // Only the cause's kind: a DatabaseError's text holds SQL, a WireError's may hold field
        // values; both stay in `debugDescription`.
        if let cause { text += " (cause: \(Self.causeSummary(cause)))" }
        return text + " [\(fileID):\(line)]"
    }

    public var debugDescription: String {
        var text = description
        if let cause { text += "\ncause: \(String(reflecting: cause))" }
        return text
    }

    private static func causeSummary(_ cause: any Error) -> String {
        if let error = cause as? StoreError { return "StoreError.\(error.code)" }
        return sqliteSummary(cause) ?? String(describing: type(of: cause))
    }
}
