import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import Testing

/// Scoring as people use it: the broker, `peixun enrollment` and `peixun scoring` as processes,
/// every step through the `peixun` command line with `--json`, and a subscriber on the bus that
/// must see scoring's events.
@Suite("Scoring workflow end to end through the command line", .timeLimit(.minutes(5)))
struct ScoringWorkflowTests {
    typealias Workflow = EnrollmentWorkflowTests
    typealias Running = SubscriberTests.Running
    static let scoringStream = StreamID(service: "scoring", partition: 0)
    static let enrollmentStream = StreamID(service: "enrollment", partition: 0)

    static let roster = """
        member_id,name,branch_code,categories,joined
        GD-0001,张伟,442000-XL-01,village,1998-07-01
        GD-0002,"欧阳, 娜娜",442000-XL-01,village,2023-03-15
        GD-0003,李强,442000-XL-01,village,2010-10-01
        GD-0004,王芳,442000-XL-01,village,
        GD-0005,陈静,442000-XL-01,village,
        GD-0006,刘洋,442000-XL-01,village,
        """

    @Test("scores are accepted only for attended lessons, once; the rating appears at five raters; a passed exam confirms completion; the bus carries it all")
    func scoringWorkflow() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-scoring-workflow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService("enrollment", data: folder)
        let scoring = try await broker.startService("scoring", data: folder)
        let system = Workflow.System(broker: broker, service: enrollment, folder: folder)

        let projection = try ServiceStore(
            path: folder.appendingPathComponent("listener.sqlite").path, durability: .projection,
            migrations: SubscriberTests.AppliedEvents.migrations)
        let subscriber = Subscriber(
            store: projection, subscribers: broker.subscribers, requests: broker.requests, streams: [Self.scoringStream],
            projection: SubscriberTests.AppliedEvents(), logger: OutboxPublishingTests.logger)
        let following = try Running([{ try subscriber.run(context: $0) }])

        let lesson = try await Self.scheduleAndAttend(system)
        try await Self.waitForScoringToCatchUp(folder)
        try await Self.score(system, lesson: lesson)
        try await Self.examAndCompletion(system, folder: folder)
        try await Self.expectEvents(projection)

        try await following.stop()
        #expect(try await scoring.stop() == 0)
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("bad input is refused before anything is sent, naming the option", arguments: [
        (["score", "submit", "6f1c0000-0000-4000-8000-000000000000", "--member", "GD-0001", "--content", "6", "--delivery", "5",
          "--usefulness", "5"], "--content"),
        (["score", "submit", "not-a-lesson", "--member", "GD-0001", "--content", "5", "--delivery", "5", "--usefulness", "5"],
         "<lesson>"),
        (["exam", "record", "--member", "GD-0001", "--class", "DX-01", "--period", "1", "--score", "101"], "--score"),
        (["excellence", "teacher", "T-01"], "<scope>"),
    ])
    func badInput(arguments: [String], option: String) async throws {
        // No broker: parsing fails first, so nothing waits for an answer.
        let process = try PeixunProcess(arguments + ["--broker", "tcp://127.0.0.1:1", "--json"])
        let status = try await process.waitForExit()
        #expect(status == 64, "ArgumentParser's usage error status; stdout: \(process.standardOutput)")
        #expect(process.standardError.contains(option), "\(process.standardError)")
    }

    /// The tree, six members, a course and an instructor, a class with an exam (pass mark 60) and a
    /// lesson going on now; all six enroll and GD-0001…GD-0005 check in. Returns the lesson's id.
    static func scheduleAndAttend(_ system: Workflow.System) async throws -> String {
        for (code, name, kind, parent) in [
            ("442000", "中山市", "city", nil), ("442000-XL", "小榄镇", "town", "442000"),
            ("442000-XL-01", "永宁社区党委", "village", "442000-XL"), ("442000-DX", "中山市委党校", "school", "442000"),
        ] as [(String, String, String, String?)] {
            try await system.accepted(
                ["org", "create", "--code", code, "--name", name, "--kind", kind] + (parent.map { ["--parent", $0] } ?? []))
        }
        let file = system.folder.appendingPathComponent("roster.csv")
        try roster.write(to: file, atomically: true, encoding: .utf8)
        try await system.accepted(["member", "import", file.path])
        try await system.accepted([
            "course", "add", "--code", "GT-01", "--name", "习近平新时代中国特色社会主义思想概论", "--module", "political-theory",
            "--credit-hours", "2", "--mode", "classroom",
        ])
        try await system.accepted([
            "instructor", "add", "--code", "T-01", "--name", "李娜", "--kind", "party-school-teacher", "--organisation", "442000-DX",
        ])
        let now = Date()
        try await system.accepted([
            "class", "schedule", "--code", "DX-01", "--name", "村（社区）党员轮训班", "--organiser", "442000-DX",
            "--period", "\(Workflow.chinaTime(now - 86_400)),\(Workflow.chinaTime(now + 86_400)),10", "--exam-pass-mark", "60",
        ])
        let booked = try await system.accepted([
            "class", "lesson", "--class", "DX-01", "--period", "1", "--course", "GT-01", "--instructor", "T-01",
            "--start", Workflow.chinaTime(now - 600), "--end", Workflow.chinaTime(now + 3000), "--venue", "DX-101,市委党校101教室,120",
        ])
        let lesson = try #require(booked["lesson"] as? String)
        for number in 1...6 { try await system.accepted(["enroll", "GD-000\(number)", "--class", "DX-01", "--period", "1"]) }
        for number in 1...5 {
            try await system.accepted(["checkin", lesson, "--member", "GD-000\(number)", "--method", "roster", "--source", "班主任"])
        }
        return lesson
    }

    /// Scores through the CLI: refused for the member who did not attend, accepted for the five
    /// who did, refused the second time; the rating is hidden at four raters and shown at five.
    static func score(_ system: Workflow.System, lesson: String) async throws {
        let (absentStatus, absent) = try await system.cli(
            ["score", "submit", lesson, "--member", "GD-0006", "--content", "5", "--delivery", "5", "--usefulness", "5"])
        #expect(absentStatus == 1 && absent["code"] as? String == "score.notAttended", "\(absent)")
        #expect((absent["message"] as? String)?.contains("刘洋 (GD-0006)") == true, "\(absent)")

        let values = [("5", "5", "5"), ("5", "5", "4"), ("4", "4", "4"), ("5", "4", "5")]
        for (index, (content, delivery, usefulness)) in values.enumerated() {
            let score = try await system.accepted([
                "score", "submit", lesson, "--member", "GD-000\(index + 1)", "--content", content, "--delivery", delivery,
                "--usefulness", usefulness, "--comment", "联系实际，很有收获",
            ])
            #expect(score["comment"] as? String == "联系实际，很有收获")
            #expect(score["excellent"] as? Bool == (index != 2))
        }
        let hidden = try await system.accepted(["excellence", "instructor", "T-01"])
        #expect(hidden["raters"] as? Int == 4 && hidden["excellentShare"] is NSNull && hidden["intervalLow"] is NSNull, "\(hidden)")

        let (againStatus, again) = try await system.cli(
            ["score", "submit", lesson, "--member", "GD-0001", "--content", "1", "--delivery", "1", "--usefulness", "1"])
        #expect(againStatus == 1 && again["code"] as? String == "score.alreadySubmitted", "\(again)")

        try await system.accepted(["score", "submit", lesson, "--member", "GD-0005", "--content", "5", "--delivery", "5", "--usefulness", "5"])
        let shown = try await system.accepted(["excellence", "instructor", "T-01"])
        #expect(shown["name"] as? String == "李娜" && shown["raters"] as? Int == 5 && shown["scores"] as? Int == 5)
        #expect(shown["excellentShare"] as? Double == 0.8, "\(shown)")
        let low = try #require(shown["intervalLow"] as? Double)
        #expect(abs(low - 0.3755) < 0.0001, "95% Wilson interval of 4/5: \(shown)")
        let school = try await system.accepted(["excellence", "school", "442000-DX"])
        #expect(school["name"] as? String == "中山市委党校" && school["raters"] as? Int == 5)
        let sheet = try await system.accepted(["score", "show", "GD-0002"])
        #expect(sheet["name"] as? String == "欧阳, 娜娜")
        #expect((sheet["scores"] as? [[String: Any]])?.first?["instructorName"] as? String == "李娜")
    }

    /// The period closes (five complete it); GD-0001 passes the exam, GD-0002 fails it.
    static func examAndCompletion(_ system: Workflow.System, folder: URL) async throws {
        let closed = try await system.accepted(["class", "close-period", "DX-01", "--period", "1"])
        #expect(closed["completed"] as? Int == 5)
        try await waitForScoringToCatchUp(folder)
        let passed = try await system.accepted(["exam", "record", "--member", "GD-0001", "--class", "DX-01", "--period", "1", "--score", "86"])
        #expect(passed["passed"] as? Bool == true && passed["passMark"] as? Double == 60)
        let failed = try await system.accepted(["exam", "record", "--member", "GD-0002", "--class", "DX-01", "--period", "1", "--score", "58.5"])
        #expect(failed["passed"] as? Bool == false)
        let (againStatus, again) = try await system.cli(["exam", "record", "--member", "GD-0002", "--class", "DX-01", "--period", "1", "--score", "70"])
        #expect(againStatus == 1 && again["code"] as? String == "exam.alreadyRecorded", "\(again)")
    }

    /// Waits until scoring has applied everything enrollment committed (its cursor on enrollment's
    /// stream reaches enrollment's head), read from the two stores.
    static func waitForScoringToCatchUp(_ folder: URL) async throws {
        var configuration = Configuration()
        configuration.readonly = true
        let enrollment = try DatabaseQueue(path: folder.appendingPathComponent("enrollment.sqlite").path, configuration: configuration)
        let scoring = try DatabaseQueue(path: folder.appendingPathComponent("scoring.sqlite").path, configuration: configuration)
        let head = try await enrollment.read { db in try Outbox.head(stream: Self.enrollmentStream, in: db) }
        try await eventually(within: .seconds(30), "scoring to apply enrollment's events through \(head)") {
            try await scoring.read { db in try Cursors.appliedThrough(stream: Self.enrollmentStream, in: db) } >= head ? true : nil
        }
    }

    /// Scoring's stream, in order: a score and a rating update for each of the five scores, two
    /// exam results, one completion confirmed.
    static func expectEvents(_ projection: ServiceStore) async throws {
        let expected = Array(repeating: [ScoreRecorded.typeID, InstructorRatingUpdated.typeID], count: 5).flatMap { $0 }
            + [ExamRecorded.typeID, CompletionConfirmed.typeID, ExamRecorded.typeID]
        try await eventually(within: .seconds(30), "the subscriber to see scoring's \(expected.count) events") {
            try await projection.read { db in try Cursors.appliedThrough(stream: Self.scoringStream, in: db) } >= UInt64(expected.count)
                ? true : nil
        }
        let types = try await projection.read { db in
            try Int.fetchAll(db, sql: "SELECT event_type FROM applied WHERE stream = ? ORDER BY sequence", arguments: [Self.scoringStream.storeKey])
        }
        #expect(types == expected.map(Int.init))
    }
}
