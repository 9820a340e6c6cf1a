public import GRDB
import PeixunCodec
public import PeixunMessages

extension Outbox {
    /// The events of `stream` after sequence `after`, in sequence order, at most `limit`: exactly
    /// `after + 1 … min(after + limit, head)`. Used by the publisher and to answer replays.
    ///
    /// - Throws: `StoreError` `.sequenceGap` when some of those events are not in the outbox
    ///   (pruned by `Retention.prune`, or lost): a replay must never skip silently.
    public static func events(stream: StreamID, after: UInt64, limit: Int, in db: Database) throws -> [OutboxEvent] {
        let head = try head(stream: stream, in: db)
        guard limit > 0, after < head else { return [] }
        let last = after + min(UInt64(limit), head - after)
        let key = stream.storeKey
        let rows = try StoreError.wrappingSQLite(.databaseFailed, "cannot read the events of \(key)") {
            // Cached: the publisher and replays run it for every batch they send.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT * FROM peixun_outbox WHERE stream = ? AND sequence > ? AND sequence <= ?
                    ORDER BY sequence
                    """)
            return try Row.fetchAll(
                statement, arguments: [key, try StoreColumns.integer(after), try StoreColumns.integer(last)])
        }
        let events = try rows.map(event(from:))
        // Sequences are unique and in range, so a count short of the range means a hole.
        guard UInt64(events.count) == last - after else {
            let missing = firstMissing(in: events, after: after)
            throw StoreError(
                .sequenceGap, "\(key) has no event \(missing) (head \(head)): pruned or lost, cannot replay past it")
        }
        return events
    }

    private static func firstMissing(in events: [OutboxEvent], after: UInt64) -> UInt64 {
        var expected = after + 1
        for event in events {
            if event.sequence != expected { break }
            expected += 1
        }
        return expected
    }

    static func event(from row: Row) throws -> OutboxEvent {
        OutboxEvent(
            stream: try StoreColumns.stream(try row.storedText("stream")),
            sequence: try StoreColumns.sequence(try row.storedInteger("sequence"), column: "sequence"),
            topic: try row.storedText("topic"),
            eventType: try StoreColumns.uint16(try row.storedInteger("event_type"), column: "event_type"),
            schemaVersion: try StoreColumns.uint16(try row.storedInteger("schema_version"), column: "schema_version"),
            committedAt: .init(microsecondsSinceEpoch: try row.storedInteger("committed_at")),
            commandID: try StoreColumns.uuid(try row.storedBlob("command_id"), column: "command_id"),
            correlationID: try StoreColumns.uuid(try row.storedBlob("correlation_id"), column: "correlation_id"),
            payload: [UInt8](try row.storedBlob("payload")))
    }
}
