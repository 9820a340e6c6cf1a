public import GRDB
public import PeixunMessages

/// How long the outbox keeps events: forever, by default.
///
/// The outbox is the service's event log. Subscribers rebuild a projection from sequence 1 by
/// replay, a new subscriber (a new report, a new service) starts from the beginning, and a
/// subscriber whose projection was lost (a `.projection` store after a power loss, a deleted
/// file) catches up from its cursor. None of that works if the owner has forgotten events, and
/// the runtime cannot know every subscriber that will ever exist, so nothing is deleted
/// automatically.
///
/// ``prune(stream:keepingAfter:in:)`` is for operators who have decided otherwise (after an
/// archive or a snapshot). It deletes only events that have been published; a replay asking for
/// pruned events then fails with `StoreError.Code.sequenceGap` rather than skipping them, and the
/// stream's head stays, so numbering continues without reuse.
public enum Retention {
    /// Deletes the events of `stream` at or below `sequence`; returns how many.
    ///
    /// - Throws: `StoreError` `.beyondPublished` if `sequence` is past the published mark:
    ///   those events have not been sent to anyone yet.
    @discardableResult
    public static func prune(stream: StreamID, keepingAfter sequence: UInt64, in db: Database) throws -> Int {
        let published = try Outbox.publishedThrough(stream: stream, in: db)
        guard sequence <= published else {
            throw StoreError(
                .beyondPublished,
                "cannot prune \(stream.storeKey) through \(sequence): only \(published) has been published")
        }
        return try StoreError.wrappingSQLite(.databaseFailed, "cannot prune \(stream.storeKey)") {
            try db.execute(
                sql: "DELETE FROM peixun_outbox WHERE stream = ? AND sequence <= ?",
                arguments: [stream.storeKey, try StoreColumns.integer(sequence)])
            return db.changesCount
        }
    }
}
