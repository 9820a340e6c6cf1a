import Foundation
import Testing

/// `peixun up`: what a newcomer's first command shows.
@Suite("peixun up", .serialized)
struct UpCommandTests {
    @Test(
        "up --check-only starts every process, runs the plumbing checks and a training day through enrollment, scoring, reporting and archive, and stops cleanly; with --keys all of it over CURVE",
        arguments: [false, true])
    func checkOnly(withKeys: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var keys: [String] = []
        if withKeys {
            // One pair for every child (the default name, client); the broker refuses anything plaintext.
            let path = folder.appendingPathComponent("keys").path
            #expect(try await PeixunProcess(["keys", "--out", path]).waitForExit() == 0)
            keys = ["--keys", path]
        }
        // Three consecutive ports; a random base keeps parallel runs apart.
        let base = try LoopbackPorts.freeBlock()
        let up = try PeixunProcess(["up", "--check-only", "--data", folder.path, "--base-port", "\(base)"] + keys)
        let status = try await up.waitForExit(within: .seconds(120))
        #expect(status == 0, "stderr: \(up.standardError)")
        Self.expectTrainingDay(up.standardOutput, base: base)
        if withKeys {
            // The children's logs reach up's standard error: the broker let each of them in by key.
            #expect(up.standardError.contains("CURVE on every socket"))
            #expect(up.standardError.contains("peer accepted"))
            #expect(!up.standardError.contains("peer refused"))
        }
        for service in ["enrollment", "scoring", "reporting", "archive"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(service).sqlite").path))
        }
    }

    @Test("up --check-only --partitions enrollment=2,scoring=2 runs the same training day across a process per partition, each with its own store")
    func checkOnlySplit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-up-split-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try LoopbackPorts.freeBlock()
        let up = try PeixunProcess(
            ["up", "--check-only", "--data", folder.path, "--base-port", "\(base)", "--partitions", "enrollment=2,scoring=2"])
        let status = try await up.waitForExit(within: .seconds(120))
        #expect(status == 0, "stderr: \(up.standardError)")
        Self.expectTrainingDay(up.standardOutput, base: base)
        for file in ["enrollment-0", "enrollment-1", "scoring-0", "scoring-1", "reporting", "archive"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(file).sqlite").path), "\(file).sqlite")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("enrollment.sqlite").path))
    }

    /// What up's output says of the plumbing checks and the training day.
    static func expectTrainingDay(_ output: String, base: Int) {
        #expect(output.contains("check: 1000 requests answered through the broker"))
        #expect(output.contains("check: 20000 events published and received in order"))
        #expect(output.contains("3 enrolled into 2 seats: 张伟 seat 1, 欧阳娜娜 seat 2, 李强 waitlisted"))
        #expect(output.contains("period closed: 1 completed, 1 not; 张伟 now has 2.0 credit hours"))
        #expect(output.contains("check: scoring took 张伟's score of the instructor (excellent: true)"))
        #expect(output.contains("check: reporting: 小榄镇 coverage 1 of 3 members trained this year"))
        #expect(output.contains("check: archive: 张伟's record in 小榄镇's cabinet holds 5 chained entries; 2.0 of 32.0 credit hours this year"))
        #expect(output.contains("dashboard    http://127.0.0.1:\(base + 10)/?token=TOKEN"), "the dashboard is started and its address shown")
        #expect(output.contains("Peixun stopped."))
    }
}
