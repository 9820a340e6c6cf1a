public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// Keeps the reporting tables from the enrollment and scoring streams. Applied by the subscriber
/// in the transaction that advances the stream's cursor: each event once, in order. Events are
/// told apart by their type id (unique across families); types reporting does not use are skipped.
///
/// Every row records the envelope time of its event (`known_at`), never the local clock.
public struct ReportingProjection: Projection {
    public init() {}

    public func apply(_ event: ReceivedEvent, in db: Database) throws {
        let at = event.envelope.time.microsecondsSinceEpoch
        let payload = event.payload
        try payload.withUnsafeBytes { bytes in
            if try EnrollmentEvents.apply(type: event.envelope.eventType, bytes, at: at, in: db) { return }
            _ = try ScoringEvents.apply(type: event.envelope.eventType, bytes, at: at, in: db)
        }
    }
}
