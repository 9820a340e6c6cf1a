public import GRDB
public import PeixunMessages

/// Idempotent subscribers: a cursor per stream says how far the subscriber has applied it. The
/// cursor advances in the same transaction as the projection update, so the two can never
/// disagree, even after a crash or a power loss that rolls both back.
///
/// Every function takes the `Database` of the caller's write transaction.
public enum Cursors {
    /// What ``apply(stream:sequence:in:body:)`` did with an event.
    public enum ApplyOutcome: Sendable, Hashable {
        /// The event was the next one: `body` ran and the cursor is now at its sequence.
        case applied
        /// The event is at or below the cursor (sent again after a publisher restart, or a
        /// replay overlapping live events): `body` did not run.
        case duplicate
        /// Events are missing before this one: `body` did not run and nothing was written. Ask
        /// the owner to replay from `expected`.
        case gap(expected: UInt64)
    }

    /// The last sequence of `stream` applied here; 0 before the first.
    public static func appliedThrough(stream: StreamID, in db: Database) throws -> UInt64 {
        let through = try StoreError.wrappingSQLite(.databaseFailed, "cannot read the cursor of \(stream.storeKey)") {
            try db.first("SELECT applied_through FROM peixun_cursors WHERE stream = ?", [.text(stream.storeKey)]) { $0.int(0) }
        }
        return try through.map { try StoreColumns.sequence($0, column: "peixun_cursors.applied_through") } ?? 0
    }

    /// Applies the event at `sequence` of `stream` exactly once and in order: runs `body` (the
    /// projection update) and advances the cursor only if `sequence` is the cursor plus one.
    ///
    /// `body` runs in a savepoint: if it throws, its changes are undone, the cursor stays, and
    /// the error comes out (the same event can be applied again later).
    public static func apply(
        stream: StreamID,
        sequence: UInt64,
        in db: Database,
        body: (Database) throws -> Void
    ) throws -> ApplyOutcome {
        let cursor = try appliedThrough(stream: stream, in: db)
        if sequence <= cursor { return .duplicate }
        if sequence > cursor + 1 { return .gap(expected: cursor + 1) }
        try StoreError.wrappingSQLite(.databaseFailed, "cannot apply \(stream.storeKey) #\(sequence)") {
            try db.inSavepoint {
                try body(db)
                try save(stream: stream, through: sequence, in: db)
                return .commit
            }
        }
        return .applied
    }

    /// The streams of `service` (its partitions) with a cursor here, in name order: a range of
    /// the key ("service/" up to "service0", '0' following '/'), read through its index.
    public static func streams(of service: String, in db: Database) throws -> [StreamID] {
        try StoreError.wrappingSQLite(.databaseFailed, "cannot read the cursors of \(service)") {
            try db.rows("SELECT stream FROM peixun_cursors WHERE stream > ? AND stream < ? ORDER BY stream", ["\(service)/", "\(service)0"])
                .compactMap { StreamID(storeKey: $0[0]) }.filter { $0.service == service }
        }
    }

    static func save(stream: StreamID, through sequence: UInt64, in db: Database) throws {
        try db.perform(
            """
            INSERT INTO peixun_cursors (stream, applied_through) VALUES (?, ?)
            ON CONFLICT (stream) DO UPDATE SET applied_through = excluded.applied_through
            """,
            [.text(stream.storeKey), .int(try StoreColumns.integer(sequence))])
    }
}

/// A subscriber's batch of events, applied in one transaction: each stream's cursor is read once,
/// advanced in memory as the events apply, and written once by ``save(in:)`` at the end of the
/// batch, inside the same transaction. There is no savepoint per event (two more statements
/// each): an error thrown by a projection leaves the batch, and the caller's transaction, which
/// must then be rolled back whole (`ServiceStore.write` does so when the error leaves it).
/// Same outcomes as ``Cursors/apply(stream:sequence:in:body:)``.
public struct CursorBatch {
    private var cursors: [StreamID: UInt64] = [:]
    private var advanced: Set<StreamID> = []

    public init() {}

    public mutating func apply(
        stream: StreamID, sequence: UInt64, in db: Database, body: (Database) throws -> Void
    ) throws -> Cursors.ApplyOutcome {
        let cursor = try cursors[stream] ?? Cursors.appliedThrough(stream: stream, in: db)
        cursors[stream] = cursor
        if sequence <= cursor { return .duplicate }
        if sequence > cursor + 1 { return .gap(expected: cursor + 1) }
        try StoreError.wrappingSQLite(.databaseFailed, "cannot apply \(stream.storeKey) #\(sequence)") { try body(db) }
        cursors[stream] = sequence
        advanced.insert(stream)
        return .applied
    }

    /// Writes every cursor the batch advanced.
    public func save(in db: Database) throws {
        for stream in advanced {
            try StoreError.wrappingSQLite(.databaseFailed, "cannot advance the cursor of \(stream.storeKey)") {
                try Cursors.save(stream: stream, through: cursors[stream]!, in: db)
            }
        }
    }
}
