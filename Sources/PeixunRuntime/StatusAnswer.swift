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

    func view(in db: Database) throws -> ServiceStatusView {
        let streams = try Outbox.streams(in: db).map { stream in
            StreamStatus(
                stream: stream, head: try Outbox.head(stream: stream, in: db),
                publishedThrough: try Outbox.publishedThrough(stream: stream, in: db))
        }
        let cursors = try Cursors.all(in: db).map { CursorStatus(stream: $0.stream, appliedThrough: $0.appliedThrough) }
        return ServiceStatusView(
            service: service, instance: instance, processID: UInt32(clamping: ProcessInfo.processInfo.processIdentifier),
            startedAt: startedAt, streams: streams, cursors: cursors)
    }
}
