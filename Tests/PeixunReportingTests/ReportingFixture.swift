import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import PeixunStore

/// A reporting store in a fresh folder; events applied to its projection as the subscriber
/// applies them (one transaction each, envelope time as given), and its commands and queries
/// run as the command and query workers run them.
final class ReportingFixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-reporting-\(UUID().uuidString)")
    let store: ServiceStore
    let projection = ReportingProjection()
    private var sequences: [String: UInt64] = [:]
    /// Everything applied, in order, so another store can be built from the same events.
    private(set) var applied: [ReceivedEvent] = []

    init() throws {
        store = try ServiceStore(
            path: folder.appendingPathComponent("reporting.sqlite").path, durability: .owner,
            migrations: ReportingStore.migrations)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Applies `event` as committed by `service` at `time`.
    func apply<M: WireMessage>(_ event: M, at time: WireTimestamp, from service: String = "enrollment") throws {
        try apply(received(event, at: time, from: service))
    }

    /// `event` as the subscriber receives it: the next sequence of `service`'s stream.
    func received<M: WireMessage>(_ event: M, at time: WireTimestamp, from service: String = "enrollment") throws -> ReceivedEvent {
        let sequence = sequences[service, default: 0] + 1
        sequences[service] = sequence
        let envelope = Envelope(
            stream: StreamID(service: service, partition: 0), sequence: sequence, eventType: M.typeID, schemaVersion: 1,
            time: time, commandID: WireUUID(high: 7, low: sequence), correlationID: WireUUID(high: 8, low: sequence))
        return ReceivedEvent(topic: "\(service).\(M.typeName)", envelope: envelope, payload: try event.encoded())
    }

    func apply(_ event: ReceivedEvent) throws {
        try apply([event])
    }

    /// Applies `events` in one transaction, as the subscriber applies a batch.
    func apply(_ events: [ReceivedEvent]) throws {
        try store.write { db in
            for event in events { try projection.apply(event, in: db) }
        }
        applied += events
    }

    func ask<Q: WireMessage, R: WireMessage>(_ query: Q, as _: R.Type) throws -> R {
        let outcome = try answer(query)
        guard case .accepted(let result) = outcome else { throw FixtureError("\(Q.typeName) was not answered: \(outcome)") }
        return try R(decoding: result)
    }

    func answer<Q: WireMessage>(_ query: Q) throws -> CommandOutcome {
        let bytes = try query.encoded()
        return try store.read { db in try bytes.withUnsafeBytes { try ReportingQueries().answer($0, in: db) } }
    }

    func monthly(_ code: String, _ month: String) throws -> MonthlyReportView {
        try ask(ShowMonthlyReport(organisationCode: code, month: month), as: MonthlyReportView.self)
    }

    func flags(_ code: String?, year: UInt32 = 2026) throws -> [Flag] {
        try ask(ListFlags(organisationCode: code, year: year), as: FlagList.self).flags
    }

    func run<M: WireMessage>(_ command: M, at time: WireTimestamp) throws -> CommandOutcome {
        let bytes = try command.encoded()
        let context = CommandContext(commandID: .random(), correlationID: .random(), time: time)
        return try store.write { db in try bytes.withUnsafeBytes { try ReportingCommands().execute($0, context: context, in: db) } }
    }

    func published() throws -> [MonthlyReportPublished] {
        let events = try store.read { db in try Outbox.events(stream: ReportingStore.stream, after: 0, limit: 1_000, in: db) }
        return try events.map { try MonthlyReportPublished(decoding: $0.payload) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension MonthlyReport {
    /// The report's encoding (inside the event that publishes it): equal bytes, equal reports.
    func bytes() throws -> [UInt8] { try MonthlyReportPublished(report: self).encoded() }
}
