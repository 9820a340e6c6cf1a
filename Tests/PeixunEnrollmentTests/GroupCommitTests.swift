import GRDB
import Logging
import PeixunCodec
import PeixunMessages
@testable import PeixunRuntime
import PeixunStore
import Testing

/// The command worker's group commit: many commands in one transaction, run without a
/// savepoint each unless one of them fails.
@Suite("A group of commands committed together")
struct GroupCommitTests {
    struct Broken: Error {}

    /// Writes a setting named by the command's first byte; a command whose first byte is 0
    /// writes its setting and then fails (a bug, a full disk).
    struct SettingWriter: CommandService {
        func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, x'00')", arguments: ["written-\(command[0])"])
            if command[0] == 0 { throw Broken() }
            return .accepted(result: [command[0]])
        }
    }

    func worker(_ fixture: EnrollmentFixture) -> CommandWorker {
        CommandWorker(
            store: fixture.store, service: "test", broker: "inproc://unused", commands: SettingWriter(), signal: OutboxSignal(),
            logger: Logger(label: "test"))
    }

    func request(_ byte: UInt8) throws -> (id: WireUUID, body: [UInt8]) {
        let id = WireUUID.random()
        return (id, try CommandRequest(commandID: id, correlationID: id, command: [byte]).encoded())
    }

    @Test("a failing command is undone alone: the others of its group are answered and committed")
    func failureIsUndoneAlone() throws {
        let fixture = try EnrollmentFixture()
        let requests = try [request(1), request(0), request(2)]
        let replies = try worker(fixture).answers(requests.map(\.body)).map { try CommandReply(decoding: $0) }

        #expect(replies.map(\.status) == [.accepted, .failed, .accepted])
        #expect(replies[0].result == [1] && replies[2].result == [2])
        let keys = try fixture.store.read { db in try String.fetchAll(db, sql: "SELECT key FROM settings WHERE key LIKE 'written-%' ORDER BY key") }
        #expect(keys == ["written-1", "written-2"])
        let recorded = try fixture.store.read { db in try requests.map { try CommandLedger.reply(for: $0.id, in: db) != nil } }
        #expect(recorded == [true, false, true], "the failed command may be retried")
    }

    @Test("a group without failures commits every command once, and a repeated id in the group gets the first reply")
    func groupWithoutFailures() throws {
        let fixture = try EnrollmentFixture()
        let first = try request(1)
        let replies = try worker(fixture).answers([first.body, try request(2).body, first.body]).map { try CommandReply(decoding: $0) }

        #expect(replies.map(\.status) == [.accepted, .accepted, .accepted])
        #expect(replies[2] == replies[0])
        #expect(try fixture.count("settings") == 3, "the check-in key and two settings")
    }
}
