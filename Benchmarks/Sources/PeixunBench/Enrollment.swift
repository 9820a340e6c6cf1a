import Foundation
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import ZeroMQ

/// `enrollment <endpoint> <members> <inFlight> <clients> [service-pid]`: the real enrollment
/// service's commands per second (`peixun enrollment` on a fresh store, behind the broker).
///
/// Setup (not timed), one command at a time through `CommandClient`: 中山市 → 小榄镇 → four
/// village branches, `members` members imported with `ImportRoster` in chunks of 2,000 rows, a
/// political-theory course, an instructor, a class with one period from yesterday to tomorrow with
/// a seat for everyone, and one lesson in it from 10 minutes ago to an hour from now (so every
/// check-in falls in its window).
///
/// Then two timed phases with the pipelined clients of `Pipeline.swift` (bodies encoded before
/// timing, split round robin over the clients):
/// 1. `enroll`: one `Enroll` per member into period 1;
/// 2. `checkin`: one `CheckIn` per member to the lesson, method `roster`, source `bench-roster-<client>`.
/// Every reply must be `accepted`. Prints a `commands service=enrollment phase=…` line per phase;
/// given the service's pid, with its CPU time and I/O per command during the phase (`ProcessCounters`).
enum EnrollmentCommand {
    static let classCode = "BM-01"
    static let rosterChunk = 2_000
    static let villages = ["442000-XL-01", "442000-XL-02", "442000-XL-03", "442000-XL-04"]

    static func run(_ arguments: [String]) throws {
        guard arguments.count == 4 || arguments.count == 5, let members = Int(arguments[1]), let inFlight = Int(arguments[2]),
              let clients = Int(arguments[3]), (1...100_000).contains(members), inFlight > 0, clients > 0, members >= clients
        else { fail("usage: enrollment <endpoint> <members 1…100000> <inFlight> <clients> [service-pid]") }
        let servicePID = arguments.count == 5 ? Int32(arguments[4]) : nil
        let endpoint = arguments[0]
        let context = try ZMQContext(ioThreads: 1)
        let numbers = (0..<members).map { String(format: "BM-%06d", $0 + 1) }

        let setupStarted = nowNanoseconds()
        let lesson = try setUp(numbers, context: context, endpoint: endpoint)
        print("enrollment setup members=\(members) seconds=\(String(format: "%.3f", Double(nowNanoseconds() - setupStarted) / 1e9))")

        let pipeline = Pipeline(service: "enrollment", endpoint: endpoint, inFlight: inFlight, isCommand: true)
        // Warm-ups: commands the service refuses (member.unknown), so they change nothing.
        let enrolls = try numbers.map { try Enroll(memberNumber: $0, classCode: classCode, periodNumber: 1).encoded() }
        let enrollLoads = try ClientLoad.commands(
            enrolls, clients: clients, warmUp: try Enroll(memberNumber: "BM-WARMUP", classCode: classCode, periodNumber: 1).encoded())
        try measure("enroll", servicePID, count: members) { try pipeline.run(enrollLoads, context: context) }

        // Round robin: request i goes to client i % clients, which is its source (one roster desk each).
        let checkIns = try numbers.enumerated().map { i, number in
            try CheckIn(lesson: lesson, memberNumber: number, method: .roster, source: "bench-roster-\(i % clients)").encoded()
        }
        let checkInLoads = try ClientLoad.commands(
            checkIns, clients: clients, warmUp: try CheckIn(lesson: lesson, memberNumber: "BM-WARMUP", method: .roster).encoded())
        try measure("checkin", servicePID, count: members) { try pipeline.run(checkInLoads, context: context) }
    }

    /// Runs a phase and prints its line, with the service's counters per command when it has a pid.
    /// The counters include the warm-ups (one per client, refused): noise against `count` commands.
    static func measure(
        _ phase: String, _ pid: Int32?, count: Int, _ body: () throws -> Pipeline.Summary
    ) throws {
        let before = pid.flatMap { ProcessCounters(pid: $0) }
        let summary = try body()
        var line = summary.line(prefix: "commands service=enrollment phase=\(phase)")
        if let before, let pid, let after = ProcessCounters(pid: pid) { line += " " + before.fields(to: after, commands: count) }
        print(line)
        fflush(nil)  // all streams: so run.sh sees each phase as it ends
    }

    /// Builds everything the timed phases need; returns the lesson's id.
    static func setUp(_ numbers: [String], context: ZMQContext, endpoint: String) throws -> WireUUID {
        let client = try CommandClient(context: context, broker: endpoint)
        @discardableResult
        func accepted(_ command: [UInt8], _ what: String) throws -> [UInt8] {
            let reply = try client.send(command, to: "enrollment", timeout: .seconds(30), attempts: 3)
            guard reply.status == .accepted else { throw BenchError("setup, \(what): \(reply.status) \(reply.code) \(reply.message)") }
            return reply.result
        }
        try accepted(try CreateOrganisation(code: "442000", name: "中山市", kind: .city).encoded(), "city")
        try accepted(try CreateOrganisation(code: "442000-XL", name: "小榄镇", kind: .town, parentCode: "442000").encoded(), "town")
        for (index, code) in villages.enumerated() {
            try accepted(
                try CreateOrganisation(code: code, name: "小榄镇第\(index + 1)村党支部", kind: .village, parentCode: "442000-XL").encoded(),
                "village \(code)")
        }
        for start in stride(from: 0, to: numbers.count, by: rosterChunk) {
            let entries = (start..<min(start + rosterChunk, numbers.count)).map { i in
                RosterEntry(
                    line: UInt32(i + 2), memberNumber: numbers[i], name: "党员\(numbers[i].suffix(6))",
                    branchCode: villages[i % villages.count], categories: [.village])
            }
            try accepted(try ImportRoster(entries: entries).encoded(), "roster from row \(start)")
        }
        try accepted(
            try AddCourse(code: "BM-PT-01", name: "习近平新时代中国特色社会主义思想专题", module: .politicalTheory, creditHours: 2, mode: .classroom)
                .encoded(), "course")
        try accepted(
            try AddInstructor(code: "BM-T-01", name: "李娜", kind: .partySchoolTeacher, organisationCode: "442000-XL").encoded(),
            "instructor")
        let now = WireTimestamp.now.microsecondsSinceEpoch
        let minute: Int64 = 60_000_000
        try accepted(
            try ScheduleClass(
                code: classCode, name: "党员轮训班（基准）", organiserCode: "442000-XL",
                periods: [PeriodSpec(start: .init(microsecondsSinceEpoch: now - 1440 * minute),
                                     end: .init(microsecondsSinceEpoch: now + 1440 * minute), capacity: UInt32(numbers.count))]
            ).encoded(), "class")
        let booked = try accepted(
            try ScheduleLesson(
                classCode: classCode, periodNumber: 1, courseCode: "BM-PT-01", instructorCode: "BM-T-01",
                start: .init(microsecondsSinceEpoch: now - 10 * minute), end: .init(microsecondsSinceEpoch: now + 60 * minute),
                venue: VenueSpec(code: "XL-101", name: "小榄镇党校101教室", capacity: UInt32(numbers.count))
            ).encoded(), "lesson")
        return try LessonBooked(decoding: booked).lesson
    }
}
