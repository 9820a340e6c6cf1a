import Foundation
import Testing

/// `peixun demo` against a real `peixun up`: the town-scale workload driven through the broker
/// into enrollment and scoring, and reporting's totals equal to what the demo drove.
@Suite("peixun demo", .serialized)
struct DemoTests {
    @Test("demo --scale town --seed 7 drives a town's training through every service and reporting reports the same totals")
    func townScale() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Int.random(in: 20_000...60_000)
        let up = try PeixunProcess(["up", "--data", folder.path, "--base-port", "\(base)"])
        defer { kill(up.process.processIdentifier, SIGTERM) }
        try await up.waitForLine(startingWith: "Press Ctrl-C to stop.", within: .seconds(120))

        let demo = try PeixunProcess(["demo", "--scale", "town", "--seed", "7", "--broker", "tcp://127.0.0.1:\(base)", "--json"])
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
        try await up.stop()
    }
}
