import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport
import Testing
import ZeroMQ

/// A query that runs far longer than the broker's heartbeat liveness (a whole city's monthly
/// report ran 8 s against a liveness of 3 s): the query worker heartbeats from inside the read,
/// so the broker keeps it, the query is answered once, and nothing is sent to it twice. (Before,
/// the broker dropped the busy worker, gave the query to it again once it registered anew, and
/// the city demo's figures were never answered.)
@Suite("A long query through the broker process", .timeLimit(.minutes(3)))
struct LongQueryTests {
    typealias Running = SubscriberTests.Running

    /// ShowMember that works for `seconds` (statements of a few milliseconds each) before it answers.
    struct SlowNotes: QueryService {
        let seconds: Double

        func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
            let asked = try ShowMember(decoding: query)
            let clock = ContinuousClock()
            let until = clock.now + .seconds(seconds)
            var rounds = 0
            while clock.now < until {
                _ = try Int.fetchOne(db, sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT count(*) FROM c")
                rounds += 1
            }
            return .accepted(result: try MemberView(memberNumber: asked.memberNumber, name: "算了\(rounds)轮").encoded())
        }
    }

    @Test("a query working 8 s, past the broker's liveness of 3 s (3 heartbeats of 1 s, as deployed), is answered once; the broker drops no worker and requeues nothing")
    func longQueryKeepsItsWorker() async throws {
        let broker = try await BrokerFixture.start(heartbeatMilliseconds: 1000)
        try await QueryPathTests.withStore { store in
            let worker = QueryWorker(store: store, service: "slow", broker: broker.requests, queries: SlowNotes(seconds: 8), logger: OutboxPublishingTests.logger)
            let running = try Running([{ try worker.run(context: $0, heartbeatInterval: .seconds(1), instance: "slow-query-1") }])
            try await eventually(within: .seconds(30), "the slow query worker to register") {
                try await RequestPathTests.status(broker).services.contains { $0.service == "slow.query" && $0.workers > 0 } ? true : nil
            }
            let reply = try await DedicatedThread.run(name: "test-slow-client") { [requests = broker.requests] in
                let client = try RequestClient(context: try ZMQContext(), broker: requests)
                return try client.request(service: "slow.query", body: try ShowMember(memberNumber: "GD-0001").encoded(), timeout: .seconds(30))
            }
            try #require(reply.status == .ok, "\(reply.status): \(reply.detail)")
            let answer = try QueryReply(decoding: reply.body)
            #expect(answer.status == .accepted)
            #expect(try MemberView(decoding: answer.result).name.hasPrefix("算了"))
            let status = try await RequestPathTests.status(broker)
            #expect(status.workersExpired == 0, "the busy worker was kept")
            #expect(status.requestsRequeued == 0, "the query was sent once")
            try await running.stop()
        }
        #expect(try await broker.process.stop() == 0)
    }
}
