import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import Testing
import ZeroMQ

/// Issue 10, scaling one service: enrollment split into 2 partitions (by the code of what each
/// command creates or changes; each partition follows the other's stream into its own tables)
/// and scoring into 2 (by class code), each partition its own process, store and stream, beside
/// reporting and archive, all real processes. The same town demo gives exactly the reports of a
/// single instance of each; killing one instance fails only its partition's commands (`noWorker`
/// naming it), and nothing else.
@Suite("Scaling one service: enrollment and scoring split in two", .serialized, .timeLimit(.minutes(10)))
struct SplitServicesTests {
    static let seed = "7"
    static let root = "T7-ZS"

    /// The reports people read, as `peixun report` prints them.
    static func reports(_ broker: String) async throws -> [String: String] {
        var reports: [String: String] = [:]
        let month = Self.chinaMonth()
        for (name, arguments) in [
            ("monthly", ["monthly", "--org", root, "--month", month]), ("coverage", ["coverage", "--org", root]), ("flags", ["flags"]),
        ] {
            let process = try PeixunProcess(["report"] + arguments + ["--broker", broker])
            #expect(try await process.waitForExit() == 0, "report \(name): \(process.standardError)")
            reports[name] = withoutTimesOfDay(process.standardOutput)
        }
        return reports
    }

    /// A duplicate-training flag names when the earlier course was completed, to the minute: the
    /// wall-clock time its period was closed. The two runs close their periods minutes apart
    /// (more under load), so the time of day is masked; the day and everything else must match.
    static func withoutTimesOfDay(_ report: String) -> String {
        report.replacing(/(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}/) { "\($0.output.1) hh:mm" }
    }

    /// This month in China time, YYYY-MM: the demo's month (its periods run today).
    static func chinaMonth() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    /// The demo's figures as "name demo reporting" lines, sorted.
    static func figures(_ summary: [String: Any]) -> String {
        ((summary["figures"] as? [[String: Any]]) ?? []).map { "\($0["figure"] ?? "?") \($0["demo"] ?? "?") \($0["reporting"] ?? "?")" }
            .sorted().joined(separator: "\n")
    }

    /// Scoring's own answers to `examCommand`: it served the class.
    static let served: Set<String> = ["member.unknown", "exam.notRequired"]

    static func demo(_ broker: String, _ options: [String] = []) async throws -> [String: Any] {
        let demo = try PeixunProcess(["demo", "--scale", "town", "--seed", seed, "--broker", broker, "--json"] + options)
        #expect(try await demo.waitForExit(within: .seconds(300)) == 0, "stderr: \(demo.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(demo.standardOutput.utf8)) as? [String: Any])
        #expect(summary["match"] as? Bool == true, "the demo's totals match reporting's figures")
        return summary
    }

    /// The reports of the town demo with one scoring instance under `peixun up`.
    static func singleInstanceReports() async throws -> (reports: [String: String], figures: String) {
        let up = try await RunningUp.start(label: "single")
        defer { up.stop() }
        let summary = try await demo(up.broker)
        return (try await reports(up.broker), figures(summary))
    }

    /// A command to scoring for the class `code`: the service's answer, or the client's error.
    static func examCommand(classCode code: String, broker: String) async throws -> Result<CommandReply, CommandClientError> {
        try await DedicatedThread.run(name: "test-exam") {
            let client = try CommandClient(context: try ZMQContext(), broker: broker)
            // A member no one registered: a scoring instance that serves the class refuses it
            // (member.unknown, or exam.notRequired for a class without an exam); nobody
            // answering is what this looks for.
            let command = try RecordExam(memberNumber: "NOBODY-\(code)", classCode: code, periodNumber: 1, score: 90).encoded()
            do {
                return .success(try client.send(command, to: "scoring", partitionKey: code, timeout: .seconds(2), attempts: 1))
            } catch let error as CommandClientError {
                return .failure(error)
            }
        }
    }

    /// A command to enrollment for the class `code`: the service's answer, or the client's error.
    static func closeCommand(classCode code: String, broker: String) async throws -> Result<CommandReply, CommandClientError> {
        try await DedicatedThread.run(name: "test-close") {
            let client = try CommandClient(context: try ZMQContext(), broker: broker)
            // A period the class does not have: the partition serving the class refuses it.
            let command = ClosePeriod(classCode: code, periodNumber: 99)
            do {
                return .success(try client.send(try command.encoded(), to: "enrollment", partitionKey: command.partitionKey, timeout: .seconds(2), attempts: 1))
            } catch let error as CommandClientError {
                return .failure(error)
            }
        }
    }

    @Test("a town demo with enrollment and scoring each split across 2 instances reports exactly what it reports with one of each; killing one instance fails only its partition's commands, clearly, and it serves them again when back")
    func splitEqualsSingle() async throws {
        let single = try await Self.singleInstanceReports()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-split-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start()
        let split = ["--partitions", "enrollment=2,scoring=2"]
        var processes = [try await broker.startService("enrollment", data: folder, split + ["--own", "0"])]
        var secondEnrollment = try await broker.startService("enrollment", data: folder, split + ["--own", "1"])
        processes.append(try await broker.startService("scoring", data: folder, split + ["--own", "0"]))
        var second = try await broker.startService("scoring", data: folder, split + ["--own", "1"])
        processes += [try await broker.startService("reporting", data: folder, split), try await broker.startService("archive", data: folder, split)]
        defer { for process in processes + [second, secondEnrollment] { kill(process.process.processIdentifier, SIGKILL) } }

        let summary = try await Self.demo(broker.requests, split)
        #expect(Self.figures(summary) == single.figures, "the demo's 18 figures")
        #expect(single.figures.split(separator: "\n").count == 18)
        let reports = try await Self.reports(broker.requests)
        for name in ["monthly", "coverage", "flags"] {
            // Compared as a Bool so a mismatch prints the differing lines, not both whole reports.
            let same = reports[name] == single.reports[name]
            #expect(same, "report \(name), split vs single: \(lineDiff(single.reports[name], reports[name]))")
            #expect((reports[name]?.count ?? 0) > 100, "report \(name) has content: \(reports[name] ?? "")")
        }

        // Each partition's own store holds its classes' scores, and together all of them.
        let driven = try #require(summary["driven"] as? [String: Int])
        var scores: [Int] = []
        var classes: [[String]] = [[], []]
        for partition in 0...1 {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("scoring-\(partition).sqlite").path, configuration: configuration)
            let (count, streams, codes) = try await queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM scores") ?? 0,
                 try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM peixun_outbox"),
                 try String.fetchAll(db, sql: "SELECT code FROM classes ORDER BY code"))
            }
            scores.append(count)
            #expect(streams == ["scoring/\(partition)"])
            for code in codes { classes[PartitionKey.partition(of: code, count: 2)].append(code) }
        }
        #expect(scores.allSatisfy { $0 > 0 } && scores.reduce(0, +) == driven["scores"], "scores by partition \(scores), driven \(driven["scores"] ?? -1)")
        let (first, other) = (try #require(classes[0].first), try #require(classes[1].first))

        // The second instance dies. Once the broker has dropped it, partition 1's commands fail
        // naming it; partition 0's are served; enrollment and reporting answer as before.
        kill(second.process.processIdentifier, SIGKILL)
        try await eventually(within: .seconds(30), "the broker to drop scoring/1") {
            try await RequestPathTests.status(broker).services.contains { $0.service == "scoring/1" } ? nil : true
        }
        guard case .success(let served) = try await Self.examCommand(classCode: first, broker: broker.requests) else {
            Issue.record("partition 0's command was not answered")
            return
        }
        #expect(served.status == .rejected && Self.served.contains(served.code), "\(served.code): \(served.message)")
        guard case .failure(let failed) = try await Self.examCommand(classCode: other, broker: broker.requests) else {
            Issue.record("partition 1's command was answered with its instance dead")
            return
        }
        #expect(failed.lastProblem == "noWorker: no worker for scoring/1 before the deadline")
        #expect(try await Self.reports(broker.requests) == reports, "reporting answers, unchanged")

        // Back on its store, the second instance serves partition 1 again.
        second = try await broker.startService("scoring", data: folder, split + ["--own", "1"])
        guard case .success(let again) = try await Self.examCommand(classCode: other, broker: broker.requests) else {
            Issue.record("partition 1's command was not answered after the restart")
            return
        }
        #expect(again.status == .rejected && Self.served.contains(again.code), "\(again.code): \(again.message)")

        // Each enrollment partition wrote its own classes on its own stream, and holds the other's too.
        let allClasses = Set(classes[0] + classes[1]).sorted()
        var written: [Int] = []
        for partition in 0...1 {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("enrollment-\(partition).sqlite").path, configuration: configuration)
            let (streams, classCodes, scheduled) = try await queue.read { db in
                (try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM peixun_outbox"),
                 try String.fetchAll(db, sql: "SELECT code FROM classes ORDER BY code"),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_outbox WHERE topic = 'enrollment.ClassScheduled'") ?? 0)
            }
            #expect(streams == ["enrollment/\(partition)"])
            #expect(classCodes == allClasses, "partition \(partition) holds every class")
            written.append(scheduled)
        }
        #expect(written.allSatisfy { $0 > 0 } && written.reduce(0, +) == allClasses.count, "classes scheduled by partition: \(written)")

        // Enrollment's second instance dies: its classes' commands fail naming enrollment/1; the
        // first partition's are served; the reports do not change.
        kill(secondEnrollment.process.processIdentifier, SIGKILL)
        try await eventually(within: .seconds(30), "the broker to drop enrollment/1") {
            try await RequestPathTests.status(broker).services.contains { $0.service == "enrollment/1" } ? nil : true
        }
        let (ownClass, otherClass) = (
            try #require(allClasses.first { PartitionKey.partition(of: $0, count: 2) == 0 }),
            try #require(allClasses.first { PartitionKey.partition(of: $0, count: 2) == 1 }))
        guard case .success(let open) = try await Self.closeCommand(classCode: ownClass, broker: broker.requests) else {
            Issue.record("enrollment partition 0's command was not answered")
            return
        }
        #expect(open.status == .rejected && open.code == "period.unknown", "\(open.code): \(open.message)")
        guard case .failure(let down) = try await Self.closeCommand(classCode: otherClass, broker: broker.requests) else {
            Issue.record("enrollment partition 1's command was answered with its instance dead")
            return
        }
        #expect(down.lastProblem == "noWorker: no worker for enrollment/1 before the deadline")
        // Status names the partition that is down (the followers still follow its stream) and exits 1.
        let status = try PeixunProcess(["status", "--broker", broker.requests])
        #expect(try await status.waitForExit() == 1)
        let downLine = status.standardOutput.split(separator: "\n").first { $0.contains("enrollment/1") }
        #expect(downLine?.contains("DOWN") == true && downLine?.contains("not running") == true, "\(status.standardOutput)")
        #expect(try await Self.reports(broker.requests) == reports, "reporting answers, unchanged")
        secondEnrollment = try await broker.startService("enrollment", data: folder, split + ["--own", "1"])
        guard case .success(let back) = try await Self.closeCommand(classCode: otherClass, broker: broker.requests) else {
            Issue.record("enrollment partition 1's command was not answered after the restart")
            return
        }
        #expect(back.status == .rejected && back.code == "period.unknown", "\(back.code): \(back.message)")
    }

    @Test("a reporting read replica (--queries-only, its own store) shares the queries with reporting: the broker balances them, and both answer from a complete projection")
    func queriesBalanced() async throws {
        let broker = try await BrokerFixture.start()
        let folders = (0..<3).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("peixun-balanced-\(UUID().uuidString)") }
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let processes = [
            try await broker.startService("enrollment", data: folders[0]),
            try await broker.startService("reporting", data: folders[1]),
            try await broker.startService("reporting", data: folders[2], ["--queries-only"]),
        ]
        // Something to project: an organisation, seen by both through enrollment's stream.
        _ = try await DedicatedThread.run(name: "test-balanced-org") { [requests = broker.requests] in
            try CommandClient(context: try ZMQContext(), broker: requests)
                .send(try CreateOrganisation(code: "ZS", name: "中山市", kind: .city).encoded(), to: "enrollment")
        }
        defer { for process in processes { kill(process.process.processIdentifier, SIGKILL) } }
        let pids = Set(processes.dropFirst().map { UInt32($0.process.processIdentifier) })
        // Both at enrollment's head (1 event); then 20 queries, answered by both.
        try await eventually(within: .seconds(30), "both reporting instances to apply enrollment's event") { () async throws -> Bool? in
            let views = try await Self.statuses(broker.requests, count: 10)
            return Set(views.map(\.processID)) == pids && views.allSatisfy({ $0.cursors.first?.appliedThrough == 1 }) ? true : nil
        }
        let answers = try await Self.statuses(broker.requests, count: 20).map(\.processID)
        #expect(Set(answers) == pids, "20 queries answered by \(Dictionary(grouping: answers, by: { $0 }).mapValues(\.count))")
        // The replica takes no commands and numbers no stream of its own.
        let replica = try await RequestPathTests.status(broker).services
        #expect(replica.first { $0.service == "reporting" }?.workers == 1)
        #expect(replica.first { $0.service == "reporting.query" }?.workers == 2)
        #expect(replica.first { $0.service == "reporting.replay" }?.workers == 1)
    }

    /// `count` answers of reporting to ShowStatus, through the broker.
    static func statuses(_ broker: String, count: Int) async throws -> [ServiceStatusView] {
        try await DedicatedThread.run(name: "test-balanced") {
            let client = try QueryClient(context: try ZMQContext(), broker: broker)
            return try (0..<count).map { _ in try ServiceStatusView(decoding: client.ask(ShowStatus(), service: "reporting").result) }
        }
    }
}
