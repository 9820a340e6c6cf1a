import Foundation
import Testing

/// CurveZMQ between real processes: `peixun keys` makes the keys, the broker runs with them and
/// checks every client against its allow-list, and services, workers and command-line tools
/// connect with theirs.
@Suite("CURVE and the allow-list, process to process", .timeLimit(.minutes(3)))
struct SecurityTests {
    /// Runs `peixun <arguments>` to completion: (exit status, standard output, standard error).
    static func cli(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput, process.standardError)
    }

    /// A fresh folder; `peixun keys` in `<folder>/keys` for `names`, then "intruder" made and
    /// taken out of the allow-list again: a well-formed pair the broker does not know.
    static func keys(_ names: [String]) async throws -> (folder: URL, keys: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-curve-\(UUID().uuidString)")
        let keys = folder.appendingPathComponent("keys").path
        let made = try await cli(["keys", "--out", keys] + (names + ["intruder"]).flatMap { ["--name", $0] })
        #expect(made.status == 0, "peixun keys: \(made.errors)")
        let allowed = "\(keys)/allowed"
        let lines = try String(contentsOfFile: allowed, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("intruder ") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: allowed, atomically: true, encoding: .utf8)
        return (folder, keys)
    }

    static func file(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("With keys, an allowed client is answered through the broker; an unknown key and a plaintext client get nothing, and the broker logs and counts the refusal")
    func allowListDecidesWhoTalks() async throws {
        let (folder, keys) = try await Self.keys(["client", "echo"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start(extraArguments: ["--keys", keys])
        let worker = try await broker.startEchoWorker(name: "echo-curve", ["--keys", keys, "--key-name", "echo"])

        let answered = try await Self.cli(["request", "--broker", broker.requests, "--keys", keys, "机密的培训档案"])
        #expect(answered.status == 0, "\(answered.errors)")
        #expect(answered.output.contains("status=ok detail= body=机密的培训档案 <- echo-curve"), "\(answered.output)")

        let intruder = try await Self.cli([
            "request", "--broker", broker.requests, "--keys", keys, "--key-name", "intruder", "--timeout-milliseconds", "500", "x",
        ])
        #expect(intruder.status != 0)
        #expect(intruder.output.isEmpty, "no answer reached the intruder: \(intruder.output)")
        #expect(intruder.errors.contains("allow-list"), "\(intruder.errors)")
        let intruderKey = try Self.file("\(keys)/intruder.pub")
        try await eventually(within: .seconds(10), "the broker to log the refusal") {
            broker.process.standardError.contains("peer refused") && broker.process.standardError.contains(intruderKey) ? true : nil
        }
        #expect(broker.process.standardError.contains("times=1"), "the first refusal is counted")

        let plaintext = try await Self.cli(["request", "--broker", broker.requests, "--timeout-milliseconds", "500", "x"])
        #expect(plaintext.status != 0)
        #expect(plaintext.output.isEmpty, "a plaintext client gets nothing from a CURVE broker: \(plaintext.output)")

        // The broker names who came in, by key name, and never writes a secret key.
        #expect(broker.process.standardError.contains("key=echo"))
        #expect(broker.process.standardError.contains("key=client"))
        for name in ["broker", "client", "echo", "intruder"] {
            #expect(!broker.process.standardError.contains(try Self.file("\(keys)/\(name).key")), "\(name).key in the log")
        }
        #expect(try await worker.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("With keys, a service's commands and events go through CURVE: tail with keys sees the event, tail without keys never does")
    func eventsFlowEncrypted() async throws {
        let (folder, keys) = try await Self.keys(["client", "enrollment"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start(extraArguments: ["--keys", keys])
        let enrollment = try await broker.startService(
            "enrollment", data: folder, ["--keys", keys, "--key-name", "enrollment"])
        let tail = try PeixunProcess([
            "tail", "--subscribers", broker.subscribers, "--keys", keys, "--topic", "enrollment.", "--json", "--count", "1",
        ])
        let plaintextTail = try PeixunProcess(["tail", "--subscribers", broker.subscribers, "--topic", "enrollment."])

        // A SUB socket misses what is published before its subscription reaches the broker, so
        // courses are added until tail has seen one.
        var index = 0
        try await eventually(within: .seconds(30), "tail with keys printing an event") { () async throws -> Bool? in
            if !tail.process.isRunning { return true }
            index += 1
            let added = try await Self.cli([
                "course", "add", "--broker", broker.requests, "--keys", keys, "--code", "SEC-\(index)",
                "--name", "保密教育 \(index)", "--module", "political-theory", "--credit-hours", "1.5", "--mode", "classroom",
            ])
            #expect(added.status == 0, "course add: \(added.output) \(added.errors)")
            return nil
        }
        #expect(try await tail.waitForExit() == 0)
        #expect(tail.standardOutput.contains("\"topic\":\"enrollment.CourseAdded\""), "\(tail.standardOutput)")
        #expect(tail.standardOutput.contains("保密教育"), "\(tail.standardOutput)")
        #expect(plaintextTail.standardOutput.isEmpty, "a plaintext subscriber never gets through")

        try await plaintextTail.stop()
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("Without keys the broker refuses to bind an address other machines can reach, and says how to make keys")
    func plaintextBindsLoopbackOnly() async throws {
        let refused = try await Self.cli([
            "broker", "--requests", "tcp://0.0.0.0:0", "--publishers", "tcp://127.0.0.1:0", "--subscribers", "tcp://127.0.0.1:0",
        ])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("tcp://0.0.0.0"), "\(refused.errors)")
        #expect(refused.errors.contains("peixun keys"), "\(refused.errors)")
        #expect(!refused.output.contains("ready"))
    }
}
