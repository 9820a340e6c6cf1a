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

    /// Applies `events` in one transaction, as the subscriber applies a batch: each through
    /// `Cursors.apply`, so the store's cursors say how far each stream was applied.
    func apply(_ events: [ReceivedEvent]) throws {
        try store.write { db in
            for event in events {
                let outcome = try Cursors.apply(stream: event.envelope.stream, sequence: event.envelope.sequence, in: db) { db in
                    try projection.apply(event, in: db)
                }
                guard outcome == .applied else { throw FixtureError("\(event.topic) #\(event.envelope.sequence): \(outcome)") }
            }
        }
        applied += events
    }

    /// How far the store has applied `service`'s stream (its cursor).
    func cursor(_ service: String) throws -> UInt64 {
        try store.read { db in try Cursors.appliedThrough(stream: StreamID(service: service, partition: 0), in: db) }
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

    func dashboard(_ code: String, _ day: String) throws -> DashboardView {
        try ask(ShowDashboard(organisationCode: code, day: day), as: DashboardView.self)
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

extension ReportingFixture {
    /// The table scans in the query plans of the statements `query` runs (traced with their
    /// arguments): a full scan of a table or an index, or an automatic index (built by a scan),
    /// costs the size of the store. Scans of the scope's own rows (the recursive walk down the
    /// tree, "scope" and "tree"), of a common table expression's rows and of a constant row are
    /// not table scans.
    func tableScans<Q: WireMessage>(_ query: Q) throws -> (statements: Int, scans: [String]) {
        let bytes = try query.encoded()
        return try store.read { db in
            let traced = TracedStatements()
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { traced.sql.append(statement.expandedSQL) }
            }
            _ = try bytes.withUnsafeBytes { try ReportingQueries().answer($0, in: db) }
            db.trace(options: .statement, nil)
            let ownRows = ["SCAN scope", "SCAN tree", "SCAN CONSTANT ROW", "SCAN window_lessons"]
            var scans: [String] = []
            let reads = traced.sql.filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") }
            for sql in reads {
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql) {
                    let detail: String = row["detail"]
                    let scan = detail.hasPrefix("SCAN ") && !ownRows.contains { detail == $0 || detail.hasPrefix($0 + " ") }
                    if scan || detail.contains("AUTOMATIC") { scans.append("\(detail) in \(sql)") }
                }
            }
            return (reads.count, scans)
        }
    }
}

/// The statements a traced read ran (filled by the trace callback).
final class TracedStatements { var sql: [String] = [] }
