import Foundation
import GRDB
import Logging
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import Testing

/// The archive through real processes: the broker, `peixun enrollment` and `peixun archive`, the
/// enrollment workflow driven through the command line, the archive's answers read through the
/// command line, the store tampered with while the service is stopped, and rebuilt from replay.
@Suite("Archive end to end: records, verification and rebuild through real processes", .timeLimit(.minutes(5)))
struct ArchiveWorkflowTests {
    typealias System = EnrollmentWorkflowTests.System

    static func startArchive(_ broker: BrokerFixture, _ folder: URL, follow: String = "enrollment") async throws -> PeixunProcess {
        try await broker.startService("archive", data: folder, ["--follow", follow])
    }

    /// Runs `peixun <arguments>` and returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput)
    }

    /// What must be equal after a rebuild: every member's head and entry hashes, the cabinet's root.
    static func snapshot(_ system: System, members: [String] = ["GD-0001", "GD-0002", "GD-0003"]) async throws -> [String: String] {
        var heads: [String: String] = [:]
        for number in members {
            let transcript = try await system.accepted(["archive", "transcript", number])
            heads[number] = "\(transcript["head"] ?? "")|" + ((transcript["entries"] as? [[String: Any]]) ?? []).map { "\($0["hash"] ?? "")" }.joined(separator: ",")
        }
        let cabinet = try await system.accepted(["archive", "cabinet", "442000-XL"])
        heads["cabinet"] = "\(cabinet["currentRoot"] ?? "")"
        let roots = (cabinet["roots"] as? [[String: Any]]) ?? []
        heads["roots"] = roots.map { "\($0["month"] ?? "") \($0["members"] ?? "") \($0["root"] ?? "")" }.joined(separator: ",")
        return heads
    }

    /// Waits until the archive has filed the completions of 欧阳娜娜 (GD-0002) and 李强 (GD-0003): the
    /// last entries the workflow causes. Returns 李强's transcript.
    static func waitForRecords(_ system: System) async throws -> [String: Any] {
        var answers: [String: Any] = [:]
        for number in ["GD-0002", "GD-0003"] {
            answers = try await eventually(within: .seconds(30), "the archive to file \(number)'s completion") {
                let (status, answer) = try await system.cli(["archive", "transcript", number])
                let kinds = (answer["entries"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
                return status == 0 && kinds.contains("completion") ? answer : nil
            }
        }
        return answers
    }

    @Test("enrollment's events become each member's chained record; verify catches a changed row; a rebuild from replay gives the same heads and roots")
    func archiveRecords() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService(
            "enrollment", data: folder, ["--check-in-code-seconds", "60", "--check-in-grace-minutes", "15"])
        var archive = try await Self.startArchive(broker, folder)
        let system = System(broker: broker, service: enrollment, folder: folder)
        try await EnrollmentWorkflowTests.steps(system)

        // 李强 (GD-0003) waited, was promoted, checked in at a branch venue and completed.
        let li = try await Self.waitForRecords(system)
        let kinds = (li["entries"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["waitlisted", "promotion", "attendance", "completion"])
        #expect(li["name"] as? String == "李强")
        #expect(li["committeeCode"] as? String == "442000-XL", "the committee is the branch's parent, 小榄镇")
        let ouyang = try await system.accepted(["archive", "transcript", "GD-0002"])
        #expect(ouyang["name"] as? String == "欧阳, 娜娜")
        let entries = try #require(ouyang["entries"] as? [[String: Any]])
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date()).year!
        #expect(entries.first?["className"] as? String == "\(year)年村（社区）党员轮训班")
        #expect(entries.compactMap { $0["entry"] as? Int } == Array(1...entries.count))

        let ledger = try await system.accepted(["archive", "ledger", "--committee", "442000-XL", "--year", "\(year)"])
        let lines = try #require(ledger["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["memberNumber"] as? String } == ["GD-0001", "GD-0002", "GD-0003", "GD-0004"])
        #expect(lines.compactMap { $0["quota"] as? Double } == [56, 32, 32, 32], "张伟 is a branch secretary")
        // The class has a completion exam and no scoring service runs: its hours wait for CompletionConfirmed.
        #expect(lines.compactMap { $0["hours"] as? Double } == [0, 0, 0, 0])

        let csv = try await Self.run(["archive", "cabinet", "442000-XL", "--csv", "--broker", broker.requests])
        #expect(csv.status == 0)
        let rows = csv.output.components(separatedBy: "\r\n")
        #expect(rows.count == 6 && rows.last == "", "a header, four members, and CRLF after each")
        #expect(rows[2].hasPrefix("442000-XL,小榄镇,GD-0002,\"欧阳, 娜娜\",442000-XL-01,永宁社区党委,"))
        #expect(rows[1...3].allSatisfy { $0.split(separator: ",").last?.count == 64 }, "each head in hex (GD-0004 has no entry)")
        let xapi = try await Self.run(["archive", "transcript", "GD-0002", "--xapi", "--broker", broker.requests])
        let xapiAgain = try await Self.run(["archive", "transcript", "GD-0002", "--xapi", "--broker", broker.requests])
        #expect(xapi.status == 0)
        #expect(xapi.output == xapiAgain.output, "a re-export is identical")
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(xapi.output.utf8)) as? [[String: Any]])
        #expect(statements.count == entries.count)

        // Refusals through the query and command paths: stable codes, readable messages.
        let (unknownStatus, unknown) = try await system.cli(["archive", "transcript", "GD-9999"])
        #expect(unknownStatus == 1)
        #expect(unknown["code"] as? String == "archive.unknownMember")
        let month = String(EnrollmentWorkflowTests.chinaTime(Date()).prefix(7))
        let (openStatus, open) = try await system.cli(["archive", "seal", "442000-XL", "--month", month])
        #expect(openStatus == 1)
        #expect(open["code"] as? String == "archive.monthOpen")
        #expect((open["message"] as? String)?.hasPrefix("\(month) has not ended") == true, "\(open)")

        let before = try await Self.snapshot(system)
        #expect(try await archive.stop() == 0)

        // The auditor's check, on the file, with the service stopped.
        let intact = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(intact.status == 0, "\(intact.output)")
        #expect(intact.output.hasPrefix("intact"))
        let store = folder.appendingPathComponent("archive.sqlite").path
        let tampering = try DatabaseQueue(path: store)
        try await tampering.write { db in
            try db.execute(
                sql: "UPDATE entries SET period_id = zeroblob(16) WHERE entry = 1 AND lane = 1 AND member_id = (SELECT id FROM members WHERE number = 'GD-0002')")
        }
        try tampering.close()
        let broken = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("member GD-0002 欧阳, 娜娜, enrollment lane, entry 1:"), "\(broken.output)")
        #expect(broken.output.contains("period: now 00000000-0000-0000-0000-000000000000, filed as"), "\(broken.output)")

        // Rebuild: delete the store, start again, catch up from enrollment's replay.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        archive = try await Self.startArchive(broker, folder)
        _ = try await Self.waitForRecords(system)
        let after = try await eventually(within: .seconds(30), "the rebuilt archive to match") {
            let snapshot = try await Self.snapshot(system)
            return snapshot == before ? snapshot : nil
        }
        #expect(after == before)
        #expect(try await archive.stop() == 0)
        let rebuilt = try await Self.run(["archive", "verify", "--data", folder.path, "--json"])
        #expect(rebuilt.status == 0, "\(rebuilt.output)")
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    /// A stand-in for the scoring service (being written elsewhere): an owner store in this
    /// process whose outbox publisher and replay worker serve stream scoring/0 through the broker.
    struct ScoringStandIn {
        static let stream = StreamID(service: "scoring", partition: 0)
        let store: ServiceStore
        let signal = OutboxSignal()
        let running: SubscriberTests.Running

        init(_ broker: BrokerFixture, folder: URL) throws {
            let logger = Logger(label: "test.scoring")
            store = try ServiceStore(path: folder.appendingPathComponent("scoring.sqlite").path, durability: .owner)
            let publisher = OutboxPublisher(store: store, endpoint: broker.publishers, signal: signal, streams: [Self.stream], logger: logger)
            let replay = ReplayWorker(store: store, service: "scoring", broker: broker.requests, logger: logger)
            running = try SubscriberTests.Running([{ try publisher.run(context: $0) }, { try replay.run(context: $0) }])
        }

        /// Commits `event` at `time` on scoring/0 and wakes the publisher.
        func publish<M: WireMessage>(_ event: M, at time: WireTimestamp) throws {
            try store.write { db in
                _ = try Outbox.append(event, stream: Self.stream, commandID: .random(), correlationID: .random(), at: time, in: db)
            }
            signal.notify()
        }
    }

    /// An id from a transcript entry's hashed content, as the JSON answer prints it.
    static func id(_ entry: [String: Any], _ field: String) throws -> WireUUID {
        let text = (entry["content"] as? [String: Any])?[field] as? String
        return try #require(text.flatMap(WireUUID.init), "\(field) in \(entry)")
    }

    @Test("scoring's stream is followed too: scores, exams and confirmed completions join the members' records; a month scoring has passed is sealed by hand; a rebuild gives the same heads and the same root")
    func scoringStream() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService(
            "enrollment", data: folder, ["--check-in-code-seconds", "60", "--check-in-grace-minutes", "15"])
        let scoring = try ScoringStandIn(broker, folder: folder)
        var archive = try await Self.startArchive(broker, folder, follow: "enrollment,scoring")
        let system = System(broker: broker, service: enrollment, folder: folder)
        try await EnrollmentWorkflowTests.steps(system)
        _ = try await Self.waitForRecords(system)

        // 欧阳娜娜 attended the lesson of DX-01 (a class with a completion exam): she scores it,
        // passes the exam and her completion is confirmed; 李强 sits his exam next month.
        let ouyang = try #require(try await system.accepted(["archive", "transcript", "GD-0002"])["entries"] as? [[String: Any]])
        let attended = try #require(ouyang.first { $0["kind"] as? String == "attendance" })
        let (member, trainingClass, period, lesson) = (
            try Self.id(attended, "member"), try Self.id(attended, "trainingClass"), try Self.id(attended, "period"), try Self.id(attended, "lesson")
        )
        let li = try Self.id(try #require((try await Self.waitForRecords(system)["entries"] as? [[String: Any]])?.first), "member")
        let now = WireTimestamp.now
        let china = TimeZone(secondsFromGMT: 8 * 3600)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = china
        let parts = calendar.dateComponents([.year, .month], from: Date())
        let nextMonth = calendar.date(byAdding: .month, value: 1, to: calendar.date(from: parts)!)!
        let year = UInt32(parts.year!)
        try scoring.publish(
            ScoreRecorded(
                score: .random(), lesson: lesson, member: member, content: 5, delivery: 5, usefulness: 4, at: now,
                trainingClass: trainingClass, period: period, excellent: true, memberNumber: "GD-0002"), at: now)
        try scoring.publish(
            ExamRecorded(member: member, period: period, score: 88, passed: true, at: now, trainingClass: trainingClass, passMark: 60, memberNumber: "GD-0002"),
            at: now)
        try scoring.publish(
            CompletionConfirmed(member: member, memberNumber: "GD-0002", period: period, trainingClass: trainingClass, creditHours: 2, examScore: 88, year: year),
            at: now)
        let later = WireTimestamp(microsecondsSinceEpoch: Int64(nextMonth.timeIntervalSince1970) * 1_000_000 + 3_600_000_000)
        try scoring.publish(
            ExamRecorded(member: li, period: period, score: 52, passed: false, at: later, trainingClass: trainingClass, passMark: 60, memberNumber: "GD-0003"),
            at: later)

        // Enrollment's clock stays in this month, so nothing seals by itself; scoring's has passed
        // it, so the month has ended and may be sealed by hand.
        try await eventually(within: .seconds(30), "the archive to see 李强's exam of next month") {
            let (_, record) = try await system.cli(["archive", "transcript", "GD-0003"])
            return ((record["entries"] as? [[String: Any]]) ?? []).contains { $0["kind"] as? String == "exam" } ? true : nil
        }
        let month = String(EnrollmentWorkflowTests.chinaTime(Date()).prefix(7))
        let sealed = try await system.accepted(["archive", "seal", "442000-XL", "--month", month])
        #expect(sealed["members"] as? Int == 3, "张伟, 欧阳娜娜 and 李强 have entries this month")
        #expect(sealed["committeeCode"] as? String == "442000-XL")
        let record = try await system.accepted(["archive", "transcript", "GD-0002"])
        let lanes = try #require(record["entries"] as? [[String: Any]]).map { "\($0["lane"] ?? "") \($0["kind"] ?? "")" }
        #expect(lanes == [
            "enrollment enrollment", "enrollment attendance", "enrollment completion",
            "scoring score", "scoring exam", "scoring completion",
        ])
        let ledger = try await system.accepted(["archive", "ledger", "GD-0002", "--year", "\(year)"])
        #expect((ledger["lines"] as? [[String: Any]])?.first?["hours"] as? Double == 2, "the exam class's hours count once confirmed")

        var before = try await Self.snapshot(system)
        #expect(try await archive.stop() == 0)
        let store = folder.appendingPathComponent("archive.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        archive = try await Self.startArchive(broker, folder, follow: "enrollment,scoring")
        // A seal by hand is the archive's own command: a rebuild has the same entries, heads and
        // current root, and sealing the month again gives the very same root.
        before["roots"] = ""
        try await eventually(within: .seconds(30), "the rebuilt archive to match") {
            try await Self.snapshot(system) == before ? true : nil
        }
        let resealed = try await system.accepted(["archive", "seal", "442000-XL", "--month", month])
        #expect(resealed["root"] as? String == sealed["root"] as? String)
        #expect(try await archive.stop() == 0)
        let verified = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.hasPrefix("intact: 3 member(s)"), "\(verified.output)")
        try await scoring.running.stop()
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    /// The kinds of a transcript's entries, as "lane kind".
    static func entries(_ transcript: [String: Any]) -> [String] {
        ((transcript["entries"] as? [[String: Any]]) ?? []).map { "\($0["lane"] ?? "") \($0["kind"] ?? "")" }
    }

    @Test("with the real scoring service: scores, exams and confirmed completions from scoring's process join the records; hours count once confirmed; a rebuild from both streams gives the same heads")
    func realScoring() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService("enrollment", data: folder)
        let scoring = try await broker.startService("scoring", data: folder)
        var archive = try await Self.startArchive(broker, folder, follow: "enrollment,scoring")
        let system = System(broker: broker, service: enrollment, folder: folder)

        // Scoring's own workflow: six members enroll, five attend, five score, the period closes,
        // GD-0001 passes the exam (completion confirmed), GD-0002 fails it.
        let lesson = try await ScoringWorkflowTests.scheduleAndAttend(system)
        try await ScoringWorkflowTests.waitForScoringToCatchUp(folder)
        try await ScoringWorkflowTests.score(system, lesson: lesson)
        try await ScoringWorkflowTests.examAndCompletion(system, folder: folder)

        let passed = try await eventually(within: .seconds(30), "the archive to file GD-0001's confirmed completion") {
            let (_, record) = try await system.cli(["archive", "transcript", "GD-0001"])
            return Self.entries(record).contains("scoring completion") ? record : nil
        }
        #expect(Self.entries(passed) == [
            "enrollment enrollment", "enrollment attendance", "enrollment completion",
            "scoring score", "scoring exam", "scoring completion",
        ])
        let failed = try await eventually(within: .seconds(30), "the archive to file GD-0002's exam") {
            let (_, record) = try await system.cli(["archive", "transcript", "GD-0002"])
            return Self.entries(record).contains("scoring exam") ? record : nil
        }
        #expect(Self.entries(failed) == [
            "enrollment enrollment", "enrollment attendance", "enrollment completion", "scoring score", "scoring exam",
        ])
        let exam = try #require((failed["entries"] as? [[String: Any]])?.last)
        #expect(exam["score"] as? Double == 58.5 && exam["passed"] as? Bool == false)
        #expect(exam["className"] as? String == "村（社区）党员轮训班")

        // The class has an exam: only GD-0001's confirmed completion counts.
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date()).year!
        let ledger = try await system.accepted(["archive", "ledger", "--committee", "442000-XL", "--year", "\(year)"])
        let lines = try #require(ledger["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["memberNumber"] as? String } == (1...6).map { "GD-000\($0)" })
        #expect(lines.compactMap { $0["hours"] as? Double } == [2, 0, 0, 0, 0, 0])
        #expect(lines.compactMap { $0["owed"] as? Double } == [30, 32, 32, 32, 32, 32])

        let members = (1...6).map { "GD-000\($0)" }
        let before = try await Self.snapshot(system, members: members)
        #expect(try await archive.stop() == 0)
        let store = folder.appendingPathComponent("archive.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        archive = try await Self.startArchive(broker, folder, follow: "enrollment,scoring")
        try await eventually(within: .seconds(30), "the archive rebuilt from both streams to match") {
            try await Self.snapshot(system, members: members) == before ? true : nil
        }
        #expect(try await archive.stop() == 0)
        let verified = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(verified.status == 0 && verified.output.hasPrefix("intact: 6 member(s)"), "\(verified.output)")
        #expect(try await scoring.stop() == 0)
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
