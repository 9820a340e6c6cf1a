import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Testing
import ZeroMQ

/// The request path through the real broker executable, with real worker processes.
@Suite("Request path through the broker process", .timeLimit(.minutes(2)))
struct RequestPathTests {
    /// Sends `count` requests one after another and returns which worker answered each.
    static func ask(_ broker: BrokerFixture, count: Int, text: String = "学习", timeout: Duration = .seconds(5)) async throws
        -> [String]
    {
        try await DedicatedThread.run(name: "test-client") { [requests = broker.requests] in
            let context = try ZMQContext()
            let client = try RequestClient(context: context, broker: requests)
            return try (0..<count).map { _ in
                let reply = try client.request(service: "echo", body: Array(text.utf8), timeout: timeout)
                guard reply.status == .ok else { throw IntegrationError("status \(reply.status): \(reply.detail)") }
                let answer = String(decoding: reply.body, as: UTF8.self)
                guard answer.hasPrefix(text + " <- ") else { throw IntegrationError("unexpected answer '\(answer)'") }
                return String(answer.dropFirst(text.count + 4))
            }
        }
    }

    /// Asks until both named workers have answered at least once (both are registered).
    static func waitUntilBothServe(_ broker: BrokerFixture, _ names: Set<String>) async throws {
        var seen: Set<String> = []
        try await eventually(within: .seconds(20), "workers \(names) to answer") {
            seen.formUnion(try await ask(broker, count: 2))
            return seen.isSuperset(of: names) ? true : nil
        }
    }

    @Test("a request for a service with no worker is answered noWorker at its deadline")
    func noWorker() async throws {
        let broker = try await BrokerFixture.start()
        let reply = try await DedicatedThread.run(name: "test-client") { [requests = broker.requests] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests)
            return try client.request(service: "nobody-home", body: [], timeout: .milliseconds(300))
        }
        #expect(reply.status == .noWorker)
        #expect(reply.body.isEmpty)
        #expect(try await broker.process.stop() == 0)
    }

    @Test("two workers of one service share requests evenly, Chinese bodies intact")
    func twoWorkersShare() async throws {
        let broker = try await BrokerFixture.start()
        let first = try await broker.startEchoWorker(name: "w1")
        let second = try await broker.startEchoWorker(name: "w2")
        try await Self.waitUntilBothServe(broker, ["w1", "w2"])

        let answers = try await Self.ask(broker, count: 200, text: "中山市委党校")
        let counts = Dictionary(grouping: answers, by: { $0 }).mapValues(\.count)
        #expect(counts.keys.sorted() == ["w1", "w2"])
        #expect(counts["w1", default: 0] >= 80, "w1 answered \(counts["w1", default: 0]) of 200")
        #expect(counts["w2", default: 0] >= 80, "w2 answered \(counts["w2", default: 0]) of 200")
        try await first.stop()
        try await second.stop()
        #expect(try await broker.process.stop() == 0)
    }

    @Test("a worker killed with SIGKILL is noticed and its service answered by the other")
    func killedWorker() async throws {
        let broker = try await BrokerFixture.start(heartbeatMilliseconds: 250)
        let doomed = try await broker.startEchoWorker(name: "doomed", heartbeatMilliseconds: 250)
        let survivor = try await broker.startEchoWorker(name: "survivor", heartbeatMilliseconds: 250)
        try await Self.waitUntilBothServe(broker, ["doomed", "survivor"])

        try await doomed.stop(signal: SIGKILL)
        // Requests routed to the dead worker before the broker notices go back to the queue when it
        // is dropped (3 missed heartbeats = 750 ms) and are answered by the survivor.
        let answers = try await Self.ask(broker, count: 20, timeout: .seconds(5))
        #expect(answers == Array(repeating: "survivor", count: 20))
        try await survivor.stop()
        #expect(try await broker.process.stop() == 0)
    }

    /// The broker's own counters, from its `broker.status` service.
    static func status(_ broker: BrokerFixture) async throws -> BrokerStatus {
        try await DedicatedThread.run(name: "test-status") { [requests = broker.requests] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests)
            let reply = try client.request(service: "broker.status", body: [])
            guard reply.status == .ok else { throw IntegrationError("status: \(reply.status) \(reply.detail)") }
            return try BrokerStatus(decoding: reply.body)
        }
    }

    @Test("malformed frames are counted and dropped without disturbing other clients")
    func malformedFrames() async throws {
        let broker = try await BrokerFixture.start()
        let worker = try await broker.startEchoWorker(name: "steady")
        let before = try await Self.status(broker).malformedFrames
        try await DedicatedThread.run(name: "test-garbage") { [requests = broker.requests] in
            let context = try ZMQContext()
            let socket = try context.socket(.dealer)
            try socket.set(.linger, 10_000)  // all 500 must leave before the socket closes
            try socket.connect(requests)
            var generator = SystemRandomNumberGenerator()
            for index in 0..<500 {
                // Noise whose header names no message type (second byte 0xFF: type ids ≥ 65280
                // are unassigned), an empty frame, or a truncated header; one to four frames.
                let noise = (0..<(index % 40)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let first: [UInt8] = switch index % 3 {
                case 0: []
                case 1: [0x64]
                default: [0x01, 0xFF] + noise
                }
                try socket.sendMultipart([first] + Array(repeating: noise, count: index % 4))
            }
        }
        let answers = try await Self.ask(broker, count: 10)
        #expect(answers == Array(repeating: "steady", count: 10))
        let counted = try await eventually(within: .seconds(10), "500 malformed messages to be counted") {
            let now = try await Self.status(broker).malformedFrames
            return now - before >= 500 ? now - before : nil
        }
        #expect(counted == 500)
        try await worker.stop()
        #expect(try await broker.process.stop() == 0)
    }

    @Test("the broker reports its workers and counters through broker.status")
    func brokerStatus() async throws {
        let broker = try await BrokerFixture.start()
        let worker = try await broker.startEchoWorker(name: "counted", service: "echo")
        _ = try await Self.ask(broker, count: 5)
        let status = try await Self.status(broker)
        #expect(status.services == [ServiceStatus(service: "echo", workers: 1, queued: 0)])
        #expect(status.requestsReplied >= 5)
        #expect(status.requestsFailed == 0)
        try await worker.stop()
        #expect(try await broker.process.stop() == 0)
    }
}
