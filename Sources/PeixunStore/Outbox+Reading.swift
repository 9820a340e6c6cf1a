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
        var events: [OutboxEvent] = []
        events.reserveCapacity(Int(last - after))
        try StoreError.wrappingSQLite(.databaseFailed, "cannot read the events of \(key)") {
            // Stepped by hand (Database+Steps): the publisher reads every event the commands
            // append, and copying each into a `Row` first cost more than reading it.
            try db.each(
                """
                SELECT stream, sequence, topic, event_type, schema_version, committed_at, command_id, correlation_id, payload,
                    after_positions
                FROM peixun_outbox WHERE stream = ? AND sequence > ? AND sequence <= ?
                ORDER BY sequence
                """,
                [.text(key), .int(try StoreColumns.integer(after)), .int(try StoreColumns.integer(last))]
            ) { row in events.append(try event(from: row)) }
        }
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

    /// The event in a row of `stream, sequence, topic, event_type, schema_version, committed_at,
    /// command_id, correlation_id, payload, after_positions`; `.corrupt` where a value has the wrong
    /// type or range.
    static func event(from row: SteppedRow) throws -> OutboxEvent {
        OutboxEvent(
            stream: try StoreColumns.stream(try row.storedText(0, name: "stream")),
            sequence: try StoreColumns.sequence(try row.storedInteger(1, name: "sequence"), column: "sequence"),
            topic: try row.storedText(2, name: "topic"),
            eventType: try StoreColumns.uint16(try row.storedInteger(3, name: "event_type"), column: "event_type"),
            schemaVersion: try StoreColumns.uint16(try row.storedInteger(4, name: "schema_version"), column: "schema_version"),
            committedAt: .init(microsecondsSinceEpoch: try row.storedInteger(5, name: "committed_at")),
            commandID: try row.uuid(6, name: "command_id"),
            correlationID: try row.uuid(7, name: "correlation_id"),
            payload: try row.storedBlob(8, name: "payload"),
            after: row.isNull(9) ? [] : try CausalStamp.positions(in: try row.storedText(9, name: "after_positions")))
    }
}
