import Foundation
import Testing

/// `peixun demo` against a real `peixun up`: the town-scale workload driven through the broker
/// into enrollment and scoring, and reporting's totals equal to what the demo drove.
@Suite("peixun demo", .serialized)
struct DemoTests {
    @Test("up + demo --scale town --seed 7: reporting reports the demo's totals although scoring was killed mid-run and restarted by up, and status ends at zero lag")
    func townScale() async throws {
        let running = try await RunningUp.start(label: "demo")
        defer { running.stop() }
        let (up, broker) = (running.process, running.broker)
        let demo = try PeixunProcess(["demo", "--scale", "town", "--seed", "7", "--broker", broker, "--json"])
        // Mid-run, once enrollment has published a few hundred events, scoring is killed (no
        // chance to stop cleanly); `up` must restart it and the demo's totals must still match.
        let scoringPID = try await eventually(within: .seconds(120), "enrollment's head past 300 with scoring up") { () async throws -> Int? in
            let status = try await Self.status(broker)
            return status.head("enrollment/0") > 300 ? status.processID("scoring") : nil
        }
        kill(pid_t(scoringPID), SIGKILL)
        try await eventually(within: .seconds(60), "scoring restarted by up under a new pid") { () async throws -> Bool? in
            let pid = try await Self.status(broker).processID("scoring")
            return pid != nil && pid != scoringPID ? true : nil
        }
        let status = try await demo.waitForExit(within: .seconds(300))
        #expect(status == 0, "stderr: \(demo.standardError)")

        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(demo.standardOutput.utf8)) as? [String: Any], "stdout: \(demo.standardOutput)")
        #expect(summary["match"] as? Bool == true)
        let figures = try #require(summary["figures"] as? [[String: Any]])
        #expect(figures.count == 18)
        for figure in figures {
            #expect(figure["demo"] as? Int == figure["reporting"] as? Int, "\(figure["figure"] ?? "?")")
        }
        let driven = try #require(summary["driven"] as? [String: Int])
        #expect(driven["enrollments", default: 0] > 1_000)
        #expect(driven["checkIns", default: 0] > driven["enrollments", default: 0])
        #expect(driven["scores", default: 0] > 0 && driven["exams", default: 0] > 0)
        #expect(driven["intendedRefusals"] == 3)
        #expect(up.standardError.contains("scoring exited"), "up logs the child's death")

        // At the end every follower has applied every stream's head.
        try await eventually(within: .seconds(60), "zero lag everywhere") { () async throws -> Bool? in
            let status = try await Self.status(broker)
            return status.exitStatus == 0 && !status.lags.isEmpty && status.lags.allSatisfy { $0 == 0 } ? true : nil
        }
        #expect(try await up.stop() == 0)
    }

    /// `peixun status --json`, read for what this test needs.
    struct Status {
        var exitStatus: Int32
        var json: [String: Any]

        var services: [[String: Any]] { json["services"] as? [[String: Any]] ?? [] }
        var lags: [Int?] { (json["lags"] as? [[String: Any]] ?? []).map { $0["lag"] as? Int } }

        func processID(_ service: String) -> Int? {
            services.first { $0["service"] as? String == service && $0["running"] as? Bool == true }?["processID"] as? Int
        }

        func head(_ stream: String) -> Int {
            let streams = services.flatMap { $0["streams"] as? [[String: Any]] ?? [] }
            return streams.first { ($0["stream"] as? [String: Any]).map { "\($0["service"] ?? "")/\($0["partition"] ?? "")" } == stream }?["head"] as? Int ?? 0
        }
    }

    static func status(_ broker: String) async throws -> Status {
        let process = try PeixunProcess(["status", "--broker", broker, "--json"])
        let exit = try await process.waitForExit()
        let json = try JSONSerialization.jsonObject(with: Data(process.standardOutput.utf8)) as? [String: Any]
        return Status(exitStatus: exit, json: json ?? [:])
    }
}
