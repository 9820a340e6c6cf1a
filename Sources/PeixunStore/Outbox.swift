public import GRDB
import Foundation
public import PeixunCodec
public import PeixunMessages

/// The transactional outbox: events are appended in the same transaction as the state change
/// that caused them, numbered per stream 1, 2, 3… without gaps, and sent on the bus by a
/// publisher after commit (and again after a restart, from ``unpublished(limit:in:)``).
///
/// Every function takes the `Database` of a transaction the caller opened with
/// `ServiceStore.write` (or `read` for the reading ones); none opens its own.
///
/// The outbox is also the service's event log: it keeps every event (see ``Retention``), so a
/// subscriber can be rebuilt from sequence 1 by replay.
public enum Outbox {
    /// Appends `event` to `stream` and returns the envelope to publish it with.
    ///
    /// The sequence is the stream's head plus one; the head advances in the same transaction, so
    /// events appended in one transaction are consecutive, and a rolled-back transaction leaves
    /// neither an event nor a used number behind (no gap). Writes are serialized by SQLite, so
    /// concurrent commands cannot take the same number. The payload is encoded once, here.
    ///
    /// - Parameters:
    ///   - stream: the service partition's stream; the topic is `"<stream.service>.<M.typeName>"`.
    ///   - schemaVersion: the payload family's schema version; nil takes the version this binary
    ///     was generated with (from `MessageRegistry`).
    ///   - time: when the command took effect (UTC), the envelope's `time`.
    ///   - after: the event's causal stamp (`Envelope.after`): the positions of other streams it
    ///     was decided on (``Cursors/positions(of:in:)``); empty for most events.
    @discardableResult
    public static func append<M: WireMessage>(
        _ event: M,
        stream: StreamID,
        schemaVersion: UInt16? = nil,
        commandID: WireUUID,
        correlationID: WireUUID,
        at time: WireTimestamp,
        after: [StreamPosition] = [],
        in db: Database
    ) throws -> Envelope {
        let payload: [UInt8]
        do {
            payload = try event.encoded()
        } catch {
            throw StoreError(.encodingFailed, "cannot encode a \(M.typeName) event", cause: error)
        }
        guard let version = schemaVersion ?? knownSchemaVersions[M.typeID] else {
            throw StoreError(
                .unknownEventType, "\(M.typeName) (type \(M.typeID)) is in no known family: pass its schema version")
        }
        let key = stream.storeKey
        let sequence = try StoreError.wrappingSQLite(.databaseFailed, "cannot advance the head of \(key)") {
            // One statement reads and advances the head; the write transaction holds the lock.
            // Both statements of an append are cached: preparing them cost more than running them.
            try db.first(
                """
                INSERT INTO peixun_stream_heads (stream, head) VALUES (?, 1)
                ON CONFLICT (stream) DO UPDATE SET head = head + 1
                RETURNING head
                """, [.text(key)]
            ) { $0.int(0) }
        }
        guard let sequence else { throw StoreError(.corrupt, "advancing the head of \(key) returned nothing") }
        do {
            try db.perform(
                """
                INSERT INTO peixun_outbox (stream, sequence, topic, event_type, schema_version,
                    committed_at, command_id, correlation_id, payload, after_positions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(key), .int(sequence), .text("\(stream.service).\(M.typeName)"), .int(Int64(M.typeID)),
                    .int(Int64(version)), .int(time.microsecondsSinceEpoch), .uuid(commandID), .uuid(correlationID),
                    .blob(payload), after.isEmpty ? .null : .text(CausalStamp.text(of: after)),
                ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // The number was free by the head, taken by the log: the head is behind the outbox.
            throw StoreError(
                .corrupt, "\(key) already holds sequence \(sequence): its head is behind the outbox", cause: error)
        } catch let error as DatabaseError {
            throw StoreError(.databaseFailed, "cannot append to \(key)", cause: error)
        }
        return Envelope(
            stream: stream, sequence: try StoreColumns.sequence(sequence, column: "peixun_stream_heads.head"),
            eventType: M.typeID, schemaVersion: version, time: time, commandID: commandID,
            correlationID: correlationID, after: after)
    }

    /// The last sequence given out on `stream`; 0 before its first event.
    public static func head(stream: StreamID, in db: Database) throws -> UInt64 {
        let key = stream.storeKey
        let head = try StoreError.wrappingSQLite(.databaseFailed, "cannot read the head of \(key)") {
            try Int64.fetchOne(
                try db.cachedStatement(sql: "SELECT head FROM peixun_stream_heads WHERE stream = ?"), arguments: [key])
        }
        return try head.map { try StoreColumns.sequence($0, column: "peixun_stream_heads.head") } ?? 0
    }

    /// Every stream that has had an event, in key order.
    public static func streams(in db: Database) throws -> [StreamID] {
        let keys = try StoreError.wrappingSQLite(.databaseFailed, "cannot list the streams") {
            try String.fetchAll(db, sql: "SELECT stream FROM peixun_stream_heads ORDER BY stream")
        }
        return try keys.map { try StoreColumns.stream($0) }
    }

    /// Schema versions by type id, from the generated families: the version this binary writes.
    private static let knownSchemaVersions: [UInt16: UInt16] = {
        var versions: [UInt16: UInt16] = [:]
        for family in MessageRegistry.families {
            for type in family.messages { versions[type.typeID] = family.schemaVersion }
        }
        return versions
    }()
}
