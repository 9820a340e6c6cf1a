import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Testing
import ZeroMQ

/// A training year in miniature, as people run it: the broker and `peixun enrollment` as
/// processes, every step through the `peixun` command line with `--json`, and a subscriber on
/// the broker's bus that must see every event, in order.
@Suite("Enrollment workflow end to end through the command line", .timeLimit(.minutes(5)))
struct EnrollmentWorkflowTests {
    typealias Running = SubscriberTests.Running

    /// A running system: broker, enrollment service, the folder of its store.
    struct System {
        let broker: BrokerFixture
        let service: PeixunProcess
        let folder: URL

        /// Runs `peixun <arguments> --broker … --json`; returns (exit status, the JSON answer).
        func cli(_ arguments: [String]) async throws -> (status: Int32, answer: [String: Any]) {
            let process = try PeixunProcess(arguments + ["--broker", broker.requests, "--json"])
            let status = try await process.waitForExit()
            let output = process.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
                throw IntegrationError("peixun \(arguments) printed no JSON object: \(output); stderr: \(process.standardError)")
            }
            return (status, object)
        }

        /// A step that must succeed: exit 0 and status "accepted"; returns the answer.
        @discardableResult
        func accepted(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
            let (status, answer) = try await cli(arguments)
            #expect(status == 0, "peixun \(arguments.prefix(2)): \(answer)", sourceLocation: sourceLocation)
            #expect(answer["status"] as? String == "accepted", "\(answer)", sourceLocation: sourceLocation)
            return answer
        }
    }

    /// China time (UTC+8) without a zone, as people type it: `2026-03-01T09:30`.
    static func chinaTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    static let roster = """
        member_id,name,branch_code,categories,joined
        GD-0001,张伟,442000-XL-01,village;branch_secretary,1998-07-01
        GD-0002,"欧阳, 娜娜",442000-XL-01,community,2023-03-15
        GD-0003,李强,442000-XL-01,village,2010-10-01
        GD-0004,王芳,442000-XL-01,village,
        """

    @Test("organisations to completion: enroll, waitlist and promotion, code check-in, attendance per venue, credit hours, duplicate training refused; a subscriber sees it all in order")
    func trainingYear() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-workflow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let service = try await broker.startService(
            "enrollment", data: folder, ["--check-in-code-seconds", "60", "--check-in-grace-minutes", "15"])
        let system = System(broker: broker, service: service, folder: folder)

        try await SubscriberTests.withProjection { projection in
            let subscriber = SubscriberTests.subscriber(projection, broker)
            let following = try Running([{ try subscriber.run(context: $0) }])
            try await Self.steps(system)
            try await Self.expectEvents(in: projection)
            try await following.stop()
        }
        #expect(try await service.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    static func steps(_ system: System) async throws {
        // The organisation tree.
        for (code, name, kind, parent) in [
            ("442000", "中山市", "city", nil), ("442000-01", "中山市直", "county", "442000"),
            ("442000-XL", "小榄镇", "town", "442000-01"), ("442000-XL-01", "永宁社区党委", "village", "442000-XL"),
            ("442000-DX", "中山市委党校", "school", "442000"),
        ] as [(String, String, String, String?)] {
            try await system.accepted(
                ["org", "create", "--code", code, "--name", name, "--kind", kind] + (parent.map { ["--parent", $0] } ?? []))
        }
        let file = system.folder.appendingPathComponent("roster.csv")
        try roster.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await system.accepted(["member", "import", file.path])
        #expect(imported["registered"] as? Int == 4)
        let tree = try await system.accepted(["org", "tree", "442000"])
        let nodes = try #require(tree["nodes"] as? [[String: Any]])
        #expect(nodes.compactMap { $0["code"] as? String } == ["442000", "442000-01", "442000-XL", "442000-XL-01", "442000-DX"])
        #expect(nodes.compactMap { $0["members"] as? Int } == [0, 0, 0, 4, 0])
        #expect(nodes[3]["name"] as? String == "永宁社区党委")
        #expect(nodes[4]["kind"] as? String == "school")

        // Catalogue, instructor pool, plan filed with the city and acknowledged.
        let course = try await system.accepted([
            "course", "add", "--code", "LV-01", "--name", "二十届三中全会精神直播课", "--module", "political-theory",
            "--credit-hours", "2", "--mode", "live",
        ])
        #expect(course["module"] as? String == "political-theory")
        try await system.accepted([
            "instructor", "add", "--code", "T-01", "--name", "李娜", "--kind", "party-school-teacher", "--organisation", "442000-DX",
        ])
        let now = Date()
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: now).year!
        let plan = try await system.accepted([
            "plan", "file", "--code", "P-DX", "--organisation", "442000-DX", "--level", "grassroots", "--year", "\(year)",
            "--title", "中山市委党校\(year)年党员培训计划", "--classes", "2", "--periods", "2", "--trainees", "60",
        ])
        #expect(plan["superiorCode"] as? String == "442000")
        try await system.accepted(["plan", "acknowledge", "P-DX", "--by", "442000"])

        // A class with one period of 2 seats around now, and a live lesson going on now.
        let period = "\(chinaTime(now - 86_400)),\(chinaTime(now + 86_400)),2"
        let scheduled = try await system.accepted([
            "class", "schedule", "--code", "DX-01", "--name", "\(year)年村（社区）党员轮训班", "--organiser", "442000-DX",
            "--plan", "P-DX", "--target", "village,community", "--period", period, "--exam-pass-mark", "60",
        ])
        #expect(scheduled["planStatus"] as? String == "acknowledged")
        #expect(scheduled["examPassMark"] as? Double == 60)
        #expect((scheduled["targetCategories"] as? [String]) == ["village", "community"])
        let booked = try await system.accepted([
            "class", "lesson", "--class", "DX-01", "--period", "1", "--course", "LV-01", "--instructor", "T-01",
            "--start", chinaTime(now - 600), "--end", chinaTime(now + 3000), "--venue", "DX-101,市委党校101教室,120",
            "--branch-venue", "XL-A,小榄镇分会场,80",
        ])
        let lesson = try #require(booked["lesson"] as? String)

        // Three enrollments for two seats: the third waits; a cancellation promotes it.
        for (member, waitlisted, seat) in [("GD-0001", false, 1), ("GD-0002", false, 2), ("GD-0003", true, 1)] {
            let enrolled = try await system.accepted(["enroll", member, "--class", "DX-01", "--period", "1"])
            #expect(enrolled["waitlisted"] as? Bool == waitlisted, "\(member)")
            #expect(enrolled["seat"] as? Int == seat, "\(member)")
        }
        let cancelled = try await system.accepted(["enroll", "cancel", "GD-0001", "--class", "DX-01", "--period", "1", "--reason", "工作冲突"])
        #expect(cancelled["promotedMemberNumber"] as? String == "GD-0003")
        let list = try await system.accepted(["enroll", "list", "--class", "DX-01", "--period", "1"])
        let entries = try #require(list["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["memberNumber"] as? String } == ["GD-0003", "GD-0002"])
        #expect(entries.compactMap { $0["seat"] as? Int } == [1, 2])
        #expect(entries.compactMap { $0["status"] as? String } == ["enrolled", "enrolled"])
        let shown = try await system.accepted(["class", "show", "DX-01"])
        let periods = try #require(shown["periods"] as? [[String: Any]])
        #expect(periods.first?["enrolled"] as? Int == 2)
        #expect(periods.first?["waitlisted"] as? Int == 0)
        #expect((periods.first?["lessons"] as? [[String: Any]])?.first?["branchVenues"] as? Int == 1)

        // Check-in with the lesson's current code; a second one changes nothing; one at a branch venue.
        let code = try #require(try await system.accepted(["checkin", "code", lesson])["code"] as? String)
        #expect(code.count == 8)
        let first = try await system.accepted([
            "checkin", lesson, "--member", "GD-0002", "--method", "code", "--code", code, "--source", "kiosk-DX-101",
        ])
        #expect(first["repeated"] as? Bool == false)
        let again = try await system.accepted(["checkin", lesson, "--member", "GD-0002", "--method", "code", "--code", code])
        #expect(again["repeated"] as? Bool == true)
        #expect(again["at"] as? String == first["at"] as? String, "the first check-in stands")
        try await system.accepted(["checkin", lesson, "--member", "GD-0003", "--method", "live", "--venue", "XL-A"])
        let (waitlessStatus, outsider) = try await system.cli(["checkin", lesson, "--member", "GD-0004", "--method", "roster"])
        #expect(waitlessStatus == 1)
        #expect(outsider["code"] as? String == "checkin.notEnrolled")

        let attendance = try await system.accepted(["attendance", lesson])
        #expect(attendance["checkedIn"] as? Int == 2)
        #expect(attendance["enrolled"] as? Int == 2)
        let venues = try #require(attendance["venues"] as? [[String: Any]])
        #expect(venues.compactMap { $0["code"] as? String } == ["DX-101", "XL-A"])
        #expect(venues.compactMap { $0["checkedIn"] as? Int } == [1, 1])
        #expect(venues.last?["name"] as? String == "小榄镇分会场")

        // Closing the period completes both attendees; the member's record shows the hours.
        let closed = try await system.accepted(["class", "close-period", "DX-01", "--period", "1"])
        #expect(closed["completed"] as? Int == 2)
        #expect(closed["notCompleted"] as? Int == 0)
        let member = try await system.accepted(["member", "show", "GD-0002"])
        #expect(member["name"] as? String == "欧阳, 娜娜")
        #expect(member["creditHours"] as? Double == 2)
        let enrollments = try #require(member["enrollments"] as? [[String: Any]])
        #expect(enrollments.compactMap { $0["status"] as? String } == ["completed"])
        #expect(enrollments.first?["className"] as? String == "\(year)年村（社区）党员轮训班")

        // A second class teaching the same course this year: the member who completed it is refused.
        try await system.accepted([
            "class", "schedule", "--code", "DX-02", "--name", "\(year)年党员冬训班", "--organiser", "442000-DX",
            "--period", "\(chinaTime(now - 86_400)),\(chinaTime(now + 86_400)),30",
        ])
        try await system.accepted([
            "class", "lesson", "--class", "DX-02", "--period", "1", "--course", "LV-01", "--instructor", "T-01",
            "--start", chinaTime(now + 7200), "--end", chinaTime(now + 10_800), "--venue", "DX-102,市委党校102教室,60",
        ])
        let (refusedStatus, refused) = try await system.cli(["enroll", "GD-0002", "--class", "DX-02", "--period", "1"])
        #expect(refusedStatus == 1)
        #expect(refused["status"] as? String == "rejected")
        #expect(refused["code"] as? String == "enrollment.duplicateTraining")
        #expect((refused["message"] as? String)?.contains("二十届三中全会精神直播课") == true, "\(refused)")

        // Refusals of the read side name what was asked, in the same JSON shape.
        let (unknownStatus, unknown) = try await system.cli(["member", "show", "GD-9999"])
        #expect(unknownStatus == 1)
        #expect(unknown["code"] as? String == "member.unknown")
    }

    @Test("bad input is refused before anything is sent, naming the option", arguments: [
        (["class", "schedule", "--code", "X-01", "--name", "班", "--organiser", "442000-DX", "--period", "2026-13-01,2026-13-02,2"], "--period"),
        (["class", "schedule", "--code", "X-01", "--name", "班", "--organiser", "442000-DX", "--period", "2026-03-02,2026-03-06,40",
          "--target", "village,villager"], "--target"),
        (["org", "create", "--code", "X", "--name", "X", "--kind", "townn"], "--kind"),
        (["checkin", "6f1c0000-0000-4000-8000-000000000000", "--member", "GD-0001", "--method", "qr"], "--method"),
        (["attendance", "not-a-lesson"], "<lesson>"),
    ])
    func badInput(arguments: [String], option: String) async throws {
        // No broker: parsing fails first, so nothing waits for an answer.
        let process = try PeixunProcess(arguments + ["--broker", "tcp://127.0.0.1:1", "--json"])
        let status = try await process.waitForExit()
        #expect(status == 64, "ArgumentParser's usage error status; stdout: \(process.standardOutput)")
        #expect(process.standardError.contains(option), "\(process.standardError)")
    }

    /// The events the steps cause, in the order they were committed.
    static let expectedEvents: [(UInt16, String)] =
        Array(repeating: (OrganisationRegistered.typeID, "OrganisationRegistered"), count: 5)
        + Array(repeating: (MemberRegistered.typeID, "MemberRegistered"), count: 4)
        + [
            (CourseAdded.typeID, "CourseAdded"), (InstructorAdded.typeID, "InstructorAdded"), (PlanFiled.typeID, "PlanFiled"),
            (PlanAcknowledged.typeID, "PlanAcknowledged"), (ClassScheduled.typeID, "ClassScheduled"),
            (LessonScheduled.typeID, "LessonScheduled"),
            (MemberEnrolled.typeID, "MemberEnrolled"), (MemberEnrolled.typeID, "MemberEnrolled"),
            (MemberEnrolled.typeID, "MemberEnrolled"),
            (EnrollmentCancelled.typeID, "EnrollmentCancelled"), (WaitlistPromoted.typeID, "WaitlistPromoted"),
            (CheckedIn.typeID, "CheckedIn"), (CheckedIn.typeID, "CheckedIn"),
            (PeriodCompleted.typeID, "PeriodCompleted"), (PeriodCompleted.typeID, "PeriodCompleted"),
            (PeriodClosed.typeID, "PeriodClosed"),
            (ClassScheduled.typeID, "ClassScheduled"), (LessonScheduled.typeID, "LessonScheduled"),
            (DuplicateTrainingRefused.typeID, "DuplicateTrainingRefused"),
        ]

    static func expectEvents(in projection: ServiceStore) async throws {
        let count = expectedEvents.count
        try await SubscriberTests.waitForWholeStream(projection, count: count)
        let types = try await projection.read { db in
            try Int.fetchAll(db, sql: "SELECT event_type FROM applied ORDER BY sequence")
        }
        let names = Dictionary(expectedEvents.map { (Int($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
        #expect(types.map { names[$0] ?? "type \($0)" } == expectedEvents.map(\.1))
    }
}
