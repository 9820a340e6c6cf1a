import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunScoring
import PeixunStore

/// A scoring store in a fresh folder: enrollment's events applied through the projection as the
/// subscriber applies them (one transaction each, in stream order), and commands run as the
/// command worker runs them.
final class ScoringFixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-scoring-\(UUID().uuidString)")
    let store: ServiceStore
    let partition: ScoringPartition
    let commands: ScoringCommands
    let queries: ScoringQueries
    let projection: EnrollmentProjection
    private var sequence: UInt64 = 0

    /// When commands take effect and events were committed, unless a test says otherwise.
    var time = Week.day(0, hour: 3)

    init(partition: ScoringPartition = .whole) throws {
        self.partition = partition
        (commands, queries, projection) = (ScoringCommands(partition: partition), ScoringQueries(partition: partition), EnrollmentProjection(partition: partition))
        store = try ServiceStore(
            path: folder.appendingPathComponent("scoring.sqlite").path, durability: .owner, migrations: ScoringStore.migrations)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Applies an enrollment event, committed by enrollment at `time`.
    func apply<M: WireMessage>(_ event: M, at time: WireTimestamp? = nil) throws {
        sequence += 1
        let envelope = Envelope(
            stream: ScoringStore.enrollmentStream, sequence: sequence, eventType: M.typeID, schemaVersion: 1,
            time: time ?? self.time, commandID: .random(), correlationID: .random())
        let received = ReceivedEvent(topic: "enrollment.\(M.typeName)", envelope: envelope, payload: try event.encoded())
        try store.write { db in try projection.apply(received, in: db) }
    }

    func run<M: WireMessage>(_ command: M, at time: WireTimestamp? = nil) throws -> CommandOutcome {
        try execute(try command.encoded(), at: time ?? self.time)
    }

    /// Runs an encoded command (or bytes that are not one) in its own transaction.
    func execute(_ bytes: [UInt8], at time: WireTimestamp) throws -> CommandOutcome {
        let context = CommandContext(commandID: .random(), correlationID: .random(), time: time)
        return try store.write { db in
            try bytes.withUnsafeBytes { try commands.execute($0, context: context, in: db) }
        }
    }

    /// Runs a command that must be accepted and decodes its result.
    func accept<M: WireMessage, R: WireMessage>(_ command: M, as _: R.Type, at time: WireTimestamp? = nil) throws -> R {
        let outcome = try run(command, at: time)
        guard case .accepted(let result) = outcome else { throw FixtureError("\(M.typeName) was not accepted: \(outcome)") }
        return try R(decoding: result)
    }

    /// The code and message of a command that must be refused.
    func rejection<M: WireMessage>(_ command: M) throws -> (code: String, message: String) {
        guard case .rejected(let code, let message) = try run(command) else { throw FixtureError("\(M.typeName) was accepted") }
        return (code, message)
    }

    /// Asks a query that must be answered and decodes the answer.
    func ask<Q: WireMessage, R: WireMessage>(_ query: Q, as _: R.Type) throws -> R {
        let bytes = try query.encoded()
        let outcome = try store.read { db in try bytes.withUnsafeBytes { try queries.answer($0, in: db) } }
        guard case .accepted(let result) = outcome else { throw FixtureError("\(Q.typeName) was not answered: \(outcome)") }
        return try R(decoding: result)
    }

    func queryRejection<Q: WireMessage>(_ query: Q) throws -> (code: String, message: String) {
        let bytes = try query.encoded()
        let outcome = try store.read { db in try bytes.withUnsafeBytes { try queries.answer($0, in: db) } }
        guard case .rejected(let code, let message) = outcome else { throw FixtureError("\(Q.typeName) was answered") }
        return (code, message)
    }

    /// Scoring's published events of type `M`, in stream order.
    func events<M: WireMessage>(_: M.Type) throws -> [M] {
        try outbox().filter { $0.eventType == M.typeID }.map { try M(decoding: $0.payload) }
    }

    func outbox() throws -> [OutboxEvent] {
        try store.read { db in try Outbox.events(stream: partition.stream, after: 0, limit: 10_000, in: db) }
    }

    func count(_ table: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
