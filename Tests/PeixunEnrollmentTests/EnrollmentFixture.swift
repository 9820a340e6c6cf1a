import Foundation
import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// An enrollment store in a fresh folder, and commands run against it as the command worker
/// runs them (one transaction each).
final class EnrollmentFixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-enrollment-\(UUID().uuidString)")
    let store: ServiceStore
    let commands: EnrollmentCommands

    init(partition: EnrollmentPartition = .whole) throws {
        commands = EnrollmentCommands(partition: partition)
        store = try ServiceStore(
            path: folder.appendingPathComponent("enrollment.sqlite").path, durability: .owner,
            migrations: EnrollmentStore.migrations)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// When commands take effect, unless a test says otherwise (a lesson's window, a code's).
    var time = Training.monday

    func run<M: WireMessage>(_ command: M) throws -> CommandOutcome {
        let bytes = try command.encoded()
        let context = CommandContext(commandID: .random(), correlationID: .random(), time: time)
        return try store.write { db in
            try bytes.withUnsafeBytes { try commands.execute($0, context: context, in: db) }
        }
    }

    /// Runs a command that must be accepted and decodes its result.
    func accept<M: WireMessage, R: WireMessage>(_ command: M, as _: R.Type, at time: WireTimestamp? = nil) throws -> R {
        let outcome = try run(command, at: time ?? self.time)
        guard case .accepted(let result) = outcome else { throw FixtureError("\(M.typeName) was not accepted: \(outcome)") }
        return try R(decoding: result)
    }

    /// Runs a command at `time`.
    func run<M: WireMessage>(_ command: M, at time: WireTimestamp) throws -> CommandOutcome {
        let saved = self.time
        self.time = time
        defer { self.time = saved }
        return try run(command)
    }

    /// The events published after `sequence`, decoded as `M` where their type is M's.
    func events<M: WireMessage>(_: M.Type, after sequence: UInt64 = 0) throws -> [M] {
        let events = try store.read { db in try Outbox.events(stream: EnrollmentStore.stream, after: sequence, limit: 10_000, in: db) }
        return try events.filter { $0.eventType == M.typeID }.map { try M(decoding: $0.payload) }
    }

    /// The stable code of a command that must be rejected.
    func rejection<M: WireMessage>(_ command: M, at time: WireTimestamp? = nil) throws -> (code: String, message: String) {
        guard case .rejected(let code, let message) = try run(command, at: time ?? self.time) else {
            throw FixtureError("\(M.typeName) was accepted")
        }
        return (code, message)
    }

    /// Applies every event `owner` published to this store, as a sibling partition does (`SiblingReplica`).
    func replicate(_ owner: EnrollmentFixture) throws {
        let events = try owner.store.read { db in try Outbox.events(stream: EnrollmentStore.stream, after: 0, limit: 10_000, in: db) }
        try store.write { db in
            for event in events {
                try SiblingReplica().apply(ReceivedEvent(topic: event.topic, envelope: event.envelope, payload: event.payload), in: db)
            }
        }
    }

    func count(_ table: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    var head: UInt64 {
        get throws { try store.read { db in try Outbox.head(stream: EnrollmentStore.stream, in: db) } }
    }

    /// City 中山市 → county 中山市直 → town 小榄镇 → village 永宁社区, plus a school under the city.
    func makeTree() throws {
        for command in [
            CreateOrganisation(code: "442000", name: "中山市", kind: .city),
            CreateOrganisation(code: "442000-01", name: "中山市直", kind: .county, parentCode: "442000"),
            CreateOrganisation(code: "442000-XL", name: "小榄镇", kind: .town, parentCode: "442000-01"),
            CreateOrganisation(code: "442000-XL-01", name: "永宁社区党委", kind: .village, parentCode: "442000-XL"),
            CreateOrganisation(code: "442000-DX", name: "中山市委党校", kind: .school, parentCode: "442000"),
        ] {
            _ = try accept(command, as: OrganisationCreated.self)
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
