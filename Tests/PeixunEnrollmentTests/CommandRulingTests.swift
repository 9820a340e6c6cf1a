import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunRuntime
import PeixunStore
import Testing

/// `CommandOutcome.ruling`, which every service's commands run through.
@Suite("A command's ruling")
struct CommandRulingTests {
    struct Refusal: DomainRefusal {
        var code = "test.refused"
        var message = "refused by the test"
    }

    @Test("a refusal before any write is a rejected outcome")
    func refusalBeforeWriting() throws {
        let fixture = try EnrollmentFixture()
        let outcome = try fixture.store.write { db in
            try CommandOutcome.ruling(in: db) { throw Refusal() }
        }
        #expect(outcome == .rejected(code: "test.refused", message: "refused by the test"))
    }

    @Test("a refusal after a write is rethrown, so the command's savepoint undoes the write and nothing is recorded")
    func refusalAfterWriting() throws {
        let fixture = try EnrollmentFixture()
        let command = WireUUID.random()
        #expect(throws: Refusal.self) {
            try fixture.store.write { db in
                _ = try CommandLedger.execute(command, at: .now, in: db) { db in
                    _ = try CommandOutcome.ruling(in: db) {
                        try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('half-done', x'00')")
                        throw Refusal()
                    }
                    return []
                }
            }
        }
        #expect(try fixture.count("settings") == 1, "only the check-in key")
        #expect(try fixture.store.read { db in try CommandLedger.reply(for: command, in: db) } == nil)
    }
}
