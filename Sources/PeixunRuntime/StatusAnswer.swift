import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The runtime's answer to `ShowStatus`, which any service's query worker takes before its own
/// queries: the streams the store owns (head, published mark) and the streams it follows
/// (cursors), read from the same snapshot as the queries beside it.
struct StatusAnswer: Sendable {
    let service: String
    let instance: String
    let startedAt: WireTimestamp
    /// The process's counts of bad input and failures, read when asked.
    let problems: @Sendable () -> ProblemCounts

    func view(in db: Database) throws -> ServiceStatusView {
        let streams = try Outbox.streams(in: db).map { stream in
            StreamStatus(
                stream: stream, head: try Outbox.head(stream: stream, in: db),
                publishedThrough: try Outbox.publishedThrough(stream: stream, in: db))
        }
        let cursors = try Cursors.all(in: db).map { CursorStatus(stream: $0.stream, appliedThrough: $0.appliedThrough) }
        let counts = problems()
        return ServiceStatusView(
            service: service, instance: instance, processID: UInt32(clamping: ProcessInfo.processInfo.processIdentifier),
            startedAt: startedAt, streams: streams, cursors: cursors, malformedIgnored: UInt64(counts.malformedIgnored),
            applyFailures: UInt64(counts.applyFailures), malformedRequests: UInt64(counts.malformedRequests))
    }
}

/// What a service process counts of bad input and failures (`ShowStatus`, `peixun status`).
public struct ProblemCounts: Sendable, Hashable {
    /// Bus messages on followed topics that were neither events nor heads.
    public var malformedIgnored = 0
    /// Batches of events rolled back (a store refusing writes, a projection throwing) and retried.
    public var applyFailures = 0
    /// Commands and queries answered `malformed`.
    public var malformedRequests = 0

    public init() {}
}
