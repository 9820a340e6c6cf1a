public import GRDB
public import PeixunMessages

extension Outbox {
    /// How far the publisher is known to have sent `stream`; 0 if it has sent nothing.
    ///
    /// "Known": the publisher marks after sending, so a crash between the two sends those
    /// events again after the restart. Subscribers skip them by their cursors
    /// (at-least-once delivery, exactly-once effect).
    public static func publishedThrough(stream: StreamID, in db: Database) throws -> UInt64 {
        let key = stream.storeKey
        let through = try StoreError.wrappingSQLite(.databaseFailed, "cannot read the published mark of \(key)") {
            try Int64.fetchOne(db, sql: "SELECT through FROM peixun_published WHERE stream = ?", arguments: [key])
        }
        return try through.map { try StoreColumns.sequence($0, column: "peixun_published.through") } ?? 0
    }

    /// Records that `stream` has been sent through `sequence`. The mark never goes backwards:
    /// a lower `sequence` (a late or repeated acknowledgement) changes nothing.
    ///
    /// - Throws: `StoreError` `.beyondHead` if `sequence` is past the stream's head.
    public static func markPublished(stream: StreamID, through sequence: UInt64, in db: Database) throws {
        let head = try head(stream: stream, in: db)
        guard sequence <= head else {
            throw StoreError(
                .beyondHead, "cannot mark \(stream.storeKey) published through \(sequence): its head is \(head)")
        }
        try StoreError.wrappingSQLite(.databaseFailed, "cannot mark \(stream.storeKey) published") {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO peixun_published (stream, through) VALUES (?, ?)
                    ON CONFLICT (stream) DO UPDATE SET through = max(through, excluded.through)
                    """)
            try statement.execute(arguments: [stream.storeKey, try StoreColumns.integer(sequence)])
        }
    }

    /// Events past each stream's published mark, at most `limit`, ordered by stream key then
    /// sequence: what a publisher sends after commit, and again after a restart.
    ///
    /// Looks only at streams whose head is past their mark and reads each by its primary key,
    /// so the cost follows what is unpublished, not the size of the (never emptied) log.
    public static func unpublished(limit: Int, in db: Database) throws -> [OutboxEvent] {
        try unpublished(limit: limit, sentThrough: [:], in: db)
    }

    /// Like ``unpublished(limit:in:)``, but also past `sentThrough`: how far a running publisher
    /// has sent each stream beyond the marks it has not written yet. A publisher writes its marks
    /// every so often rather than after every batch (each mark is a durable write transaction
    /// competing with the commands for the writer), so it reads past what it knows it sent.
    public static func unpublished(
        limit: Int, sentThrough: [StreamID: UInt64], in db: Database
    ) throws -> [OutboxEvent] {
        guard limit > 0 else { return [] }
        let pending = try StoreError.wrappingSQLite(.databaseFailed, "cannot find unpublished streams") {
            // Cached: a busy publisher runs it after every commit of the command worker.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT h.stream, coalesce(p.through, 0) AS through
                    FROM peixun_stream_heads h LEFT JOIN peixun_published p ON p.stream = h.stream
                    WHERE h.head > coalesce(p.through, 0)
                    ORDER BY h.stream
                    """)
            return try Row.fetchAll(statement)
        }
        var events: [OutboxEvent] = []
        for row in pending where events.count < limit {
            let stream = try StoreColumns.stream(try row.storedText("stream"))
            let marked = try StoreColumns.sequence(
                try row.storedInteger("through"), column: "peixun_published.through")
            let through = max(marked, sentThrough[stream] ?? 0)
            events += try self.events(stream: stream, after: through, limit: limit - events.count, in: db)
        }
        return events
    }
}
