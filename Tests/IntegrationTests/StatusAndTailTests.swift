import Foundation
import Testing

/// `peixun status` and `peixun tail` against the real broker and services: status shows every
/// process, the streams' heads and each follower's lag (zero once the followers have caught up,
/// a service that is not running as down); tail prints every live event, decoded.
@Suite("status and tail against the running processes", .timeLimit(.minutes(5)))
struct StatusAndTailTests {
    /// Runs a `peixun` command line to its end; returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput)
    }

    /// `peixun status --json`, parsed.
    static func status(_ broker: BrokerFixture) async throws -> (status: Int32, json: [String: Any]) {
        let (status, output) = try await run(["status", "--broker", broker.requests, "--json"])
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw IntegrationError("status printed no JSON object: \(output)")
        }
        return (status, json)
    }

    static func addCourse(_ code: String, _ broker: BrokerFixture) async throws {
        let (status, output) = try await run([
            "course", "add", "--broker", broker.requests, "--code", code, "--name", "党史学习教育 \(code)",
            "--module", "political-theory", "--credit-hours", "1.5", "--mode", "classroom",
        ])
        #expect(status == 0, "course add \(code): \(output)")
    }

    @Test("status shows each service's stream head and every follower at zero lag once caught up; a stopped service is down")
    func statusShowsHeadsAndLag() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-status-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start()
        let services = try await ["enrollment", "scoring", "reporting", "archive"].asyncMap {
            try await broker.startService($0, data: folder)
        }
        for index in 1...3 { try await Self.addCourse("ST-0\(index)", broker) }

        let caughtUp = try await eventually(within: .seconds(30), "every follower at zero lag behind enrollment's head 3") {
            let (status, json) = try await Self.status(broker)
            let lags = json["lags"] as? [[String: Any]] ?? []
            let enrollmentLags = lags.filter { $0["stream"] as? String == "enrollment/0" }
            return status == 0 && enrollmentLags.count == 3 && enrollmentLags.allSatisfy { $0["lag"] as? Int == 0 } ? json : nil
        }
        let running = (caughtUp["services"] as? [[String: Any]] ?? []).filter { $0["running"] as? Bool == true }
        #expect(running.compactMap { $0["service"] as? String } == ["enrollment", "scoring", "reporting", "archive"])
        let enrollment = running.first { $0["service"] as? String == "enrollment" }
        let head = (enrollment?["streams"] as? [[String: Any]])?.first?["head"] as? Int
        #expect(head == 3, "enrollment's stream holds the three CourseAdded events")
        #expect(((caughtUp["lags"] as? [[String: Any]]) ?? []).allSatisfy { $0["appliedThrough"] as? Int == 3 || $0["stream"] as? String != "enrollment/0" })
        let counters = caughtUp["broker"] as? [String: Any]
        #expect((counters?["requestsReplied"] as? Int ?? 0) >= 3)

        _ = try await services[3].stop()
        let down = try await eventually(within: .seconds(15), "archive shown as down") {
            let (status, json) = try await Self.status(broker)
            let archive = (json["services"] as? [[String: Any]] ?? []).first { $0["service"] as? String == "archive" }
            return archive?["running"] as? Bool == false ? status : nil
        }
        #expect(down == 1, "status exits 1 while a service is down")
    }

    @Test("tail prints each live event with its stream position and decoded fields, Chinese intact")
    func tailPrintsDecodedEvents() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-tail-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService("enrollment", data: folder)
        defer { _ = enrollment }
        let tail = try PeixunProcess(["tail", "--subscribers", broker.subscribers, "--topic", "enrollment.", "--json", "--count", "1"])
        // A SUB socket misses what is published before its subscription reaches the broker, so
        // courses are added until tail has seen one (then it exits, having printed it).
        var index = 0
        try await eventually(within: .seconds(30), "tail printing an event") { () async throws -> Bool? in
            if !tail.process.isRunning { return true }
            index += 1
            try await Self.addCourse("TL-\(index)", broker)
            return nil
        }
        #expect(try await tail.waitForExit() == 0)
        let line = try #require(
            try JSONSerialization.jsonObject(with: Data(tail.standardOutput.utf8)) as? [String: Any], "\(tail.standardOutput)")
        #expect(line["topic"] as? String == "enrollment.CourseAdded")
        #expect(line["type"] as? String == "CourseAdded")
        #expect(line["stream"] as? String == "enrollment/0")
        let event = try #require(line["event"] as? [String: Any])
        let code = try #require(event["code"] as? String)
        #expect(event["name"] as? String == "党史学习教育 \(code)")
        #expect(line["sequence"] as? Int == Int(code.dropFirst(3)), "the n-th course added is the stream's n-th event")
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
