import Foundation
import GRDB
import PeixunArchive
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// An archive store in a fresh folder, with events applied to its projection as the subscriber
/// applies them (one transaction each), numbered per stream, and its commands and queries.
final class ArchiveFixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-archive-\(UUID().uuidString)")
    let store: ServiceStore
    let projection: ArchiveProjection
    let queries: ArchiveQueries
    private var sequences: [String: UInt64] = [:]

    init(settings: ArchiveSettings = ArchiveSettings()) throws {
        store = try ServiceStore(
            path: folder.appendingPathComponent("archive.sqlite").path, durability: .owner, migrations: ArchiveStore.migrations)
        projection = ArchiveProjection(settings: settings)
        queries = ArchiveQueries(settings: settings)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Applies `event` as the next event of `service`'s stream, committed at `time`.
    func apply<M: WireMessage>(_ event: M, from service: String = "enrollment", at time: WireTimestamp = World.march) throws {
        let sequence = (sequences[service] ?? 0) + 1
        sequences[service] = sequence
        let envelope = Envelope(
            stream: StreamID(service: service, partition: 0), sequence: sequence, eventType: M.typeID, schemaVersion: 1, time: time,
            commandID: WireUUID(high: 0xC0, low: sequence), correlationID: WireUUID(high: 0xC1, low: sequence))
        let received = ReceivedEvent(topic: "\(service).\(M.typeName)", envelope: envelope, payload: try event.encoded())
        try store.write { db in try projection.apply(received, in: db) }
    }

    func command<M: WireMessage>(_ command: M, at time: WireTimestamp = World.may) throws -> CommandOutcome {
        let bytes = try command.encoded()
        let context = CommandContext(commandID: .random(), correlationID: .random(), time: time)
        return try store.write { db in try bytes.withUnsafeBytes { try ArchiveCommands().execute($0, context: context, in: db) } }
    }

    func ask<Q: WireMessage, R: WireMessage>(_ query: Q, as _: R.Type) throws -> R {
        let bytes = try query.encoded()
        let outcome = try store.read { db in try bytes.withUnsafeBytes { try queries.answer($0, in: db) } }
        guard case .accepted(let result) = outcome else { throw FixtureError("\(Q.typeName) was not answered: \(outcome)") }
        return try R(decoding: result)
    }

    func refusal<Q: WireMessage>(_ query: Q) throws -> String {
        let bytes = try query.encoded()
        let outcome = try store.read { db in try bytes.withUnsafeBytes { try queries.answer($0, in: db) } }
        guard case .rejected(let code, _) = outcome else { throw FixtureError("\(Q.typeName) was answered") }
        return code
    }

    /// The archive's own published events of type M.
    func published<M: WireMessage>(_: M.Type) throws -> [M] {
        let events = try store.read { db in try Outbox.events(stream: ArchiveStore.stream, after: 0, limit: 100_000, in: db) }
        return try events.filter { $0.eventType == M.typeID }.map { try M(decoding: $0.payload) }
    }

    func verify() throws -> VerificationReport {
        try store.read { db in try ArchiveVerifier.verify(db) }
    }

    func execute(_ sql: String) throws {
        try store.write { db in try db.execute(sql: sql) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
