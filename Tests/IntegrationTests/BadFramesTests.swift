import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Testing
import ZeroMQ

/// Random and malformed input sent to the running broker and services (issue 9): garbage events
/// on the bus under the services' own topics, and requests with random bodies to every service's
/// commands and queries. Every process stays up, every request is answered as malformed (or
/// refused), nothing is written, and a real command afterwards still reaches every follower.
@Suite("Bad frames at the running broker and services", .timeLimit(.minutes(5)))
struct BadFramesTests {
    static let services = ["enrollment", "scoring", "reporting", "archive"]

    /// Random bytes, `count` long.
    static func noise(_ count: Int, _ generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Publishes 600 garbage messages on the services' topics: one to three random frames after
    /// the topic (a bad envelope, a bad payload, a missing frame), heads with random bodies, and
    /// 60 messages of 12 frames, which the broker refuses to forward and counts.
    static func publishGarbage(to publishers: String) async throws {
        try await DedicatedThread.run(name: "test-garbage-publisher") {
            let context = try ZMQContext()
            let socket = try context.socket(.pub)
            try socket.set(.linger, 10_000)
            try socket.connect(publishers)
            var generator = SystemRandomNumberGenerator()
            let topics = ["enrollment.MemberEnrolled", "enrollment.CheckedIn", "scoring.ScoreRecorded", "enrollment._head", "scoring._head"]
            for index in 0..<600 {
                let topic = Array(topics[index % topics.count].utf8)
                let frames = index % 10 == 0 ? 12 : 1 + index % 3
                _ = try socket.sendMultipart([topic] + (0..<frames).map { _ in noise(index % 64, &generator) })
            }
        }
    }

    /// Sends 40 random bodies to `service` (a command service or `<service>.query`); returns the
    /// statuses of the replies that decoded, and how many did not decode.
    static func randomRequests(_ requests: String, service: String) async throws -> (statuses: [UInt32], undecoded: Int) {
        try await DedicatedThread.run(name: "test-random-requests") {
            let context = try ZMQContext()
            let client = try RequestClient(context: context, broker: requests)
            var generator = SystemRandomNumberGenerator()
            var statuses: [UInt32] = []
            var undecoded = 0
            for index in 0..<40 {
                // Random bytes; every fourth a valid request envelope around a random command.
                let body: [UInt8] = index % 4 == 3
                    ? try CommandRequest(commandID: .random(), correlationID: .random(), command: noise(index, &generator)).encoded()
                    : noise(index * 3, &generator)
                let reply = try client.request(service: service, body: body, timeout: .seconds(10))
                guard reply.status == .ok else { throw IntegrationError("\(service): status \(reply.status): \(reply.detail)") }
                if service.hasSuffix(".query") {
                    if let answer = try? QueryReply(decoding: reply.body) { statuses.append(answer.status.rawValue) } else { undecoded += 1 }
                } else {
                    if let answer = try? CommandReply(decoding: reply.body) { statuses.append(answer.status.rawValue) } else { undecoded += 1 }
                }
            }
            return (statuses, undecoded)
        }
    }

    @Test("garbage on the bus and random request bodies: every process stays up, nothing is written, the next real command reaches every follower")
    func survivesGarbage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-bad-frames-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await BrokerFixture.start()
        let processes = try await Self.services.asyncMap { try await broker.startService($0, data: folder) }
        try await StatusAndTailTests.addCourse("BF-01", broker)
        let before = try await eventually(within: .seconds(30), "every follower at enrollment's head 1") {
            let (status, json) = try await StatusAndTailTests.status(broker)
            let lags = json["lags"] as? [[String: Any]] ?? []
            return status == 0 && !lags.isEmpty && lags.allSatisfy({ $0["lag"] as? Int == 0 }) ? json : nil
        }

        // A PUB drops what it sends before its connection is up: publish rounds until the broker
        // has seen (and counted) some of the 12-frame messages, so the rest reached it too.
        try await eventually(within: .seconds(30), "the broker to count refused 12-frame messages") {
            try await Self.publishGarbage(to: broker.publishers)
            let counters = try await StatusAndTailTests.status(broker).json["broker"] as? [String: Any]
            return (counters?["busMalformed"] as? Int ?? 0) >= 1 ? true : nil
        }
        for service in Self.services {
            for target in [service, "\(service).query"] {
                let (statuses, undecoded) = try await Self.randomRequests(broker.requests, service: target)
                #expect(undecoded == 0, "\(target) answers every request with a reply it can read")
                #expect(statuses.count == 40)
                #expect(!statuses.contains(CommandStatus.accepted.rawValue), "\(target) accepted random bytes: \(statuses)")
            }
        }

        // Still up, nothing new on any stream, and a real command reaches every follower.
        try await StatusAndTailTests.addCourse("BF-02", broker)
        let after = try await eventually(within: .seconds(30), "every follower at enrollment's head 2") {
            let (status, json) = try await StatusAndTailTests.status(broker)
            let lags = json["lags"] as? [[String: Any]] ?? []
            let enrollment = lags.filter { $0["stream"] as? String == "enrollment/0" }
            return status == 0 && !enrollment.isEmpty && enrollment.allSatisfy({ $0["appliedThrough"] as? Int == 2 && $0["lag"] as? Int == 0 })
                ? json : nil
        }
        #expect(Self.heads(after, except: "enrollment") == Self.heads(before, except: "enrollment"), "no stream but enrollment's moved")
        let counters = after["broker"] as? [String: Any]
        #expect((counters?["eventsForwarded"] as? Int ?? 0) >= 100, "garbage of 2–4 frames went through to the services (a PUB loses what it sends before it is connected)")
        // Each service counted what it refused, and the followers what they ignored (`peixun status`).
        let services = after["services"] as? [[String: Any]] ?? []
        for service in services {
            #expect((service["malformedRequests"] as? Int ?? 0) >= 30, "\(service["service"] ?? "?") counts the malformed requests it answered")
        }
        let ignored = services.map { $0["malformedIgnored"] as? Int ?? 0 }.reduce(0, +)
        #expect(ignored >= 1, "the followers count the garbage events they ignored")
        for process in processes { #expect(try await process.stop() == 0) }
        #expect(try await broker.process.stop() == 0)
    }

    /// Every stream's head by service, leaving one out.
    static func heads(_ status: [String: Any], except skipped: String) -> [String: Int] {
        var heads: [String: Int] = [:]
        for service in status["services"] as? [[String: Any]] ?? [] {
            guard let name = service["service"] as? String, name != skipped else { continue }
            for stream in service["streams"] as? [[String: Any]] ?? [] { heads[name, default: 0] += stream["head"] as? Int ?? 0 }
        }
        return heads
    }
}
