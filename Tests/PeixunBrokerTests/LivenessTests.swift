import PeixunBroker
import Testing

@Suite("Heartbeats and dead workers")
struct LivenessTests {
    @Test("the broker sends a heartbeat to every worker once per heartbeat interval")
    func heartbeatsEveryInterval() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.ready("w2")
        #expect(broker.tick(at: 999).heartbeats.isEmpty)
        #expect(Set(broker.tick(at: 1_000).heartbeats) == ["w1", "w2"])
        _ = broker.heartbeat("w1")
        _ = broker.heartbeat("w2")
        #expect(broker.tick(at: 1_500).heartbeats.isEmpty)
        #expect(Set(broker.tick(at: 2_000).heartbeats) == ["w1", "w2"])
    }

    @Test("a worker that misses three heartbeats is dropped and its request is answered by the other worker")
    func deadWorkerRequestGoesToOther() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.ready("w2")
        #expect(broker.request("c", 1, timeout: .seconds(10)).requests.map(\.worker) == ["w1"])

        var handedOver: [Action] = []
        for second in 1...3 {
            _ = broker.heartbeat("w2")
            handedOver = broker.tick(at: UInt64(second) * 1_000)
        }
        #expect(handedOver.disconnects == ["w1"])
        #expect(handedOver.requests == [SentRequest(worker: "w2", client: "c", id: 1, body: "")])
        #expect(broker.counters.workersExpired == 1)
        #expect(broker.counters.requestsRequeued == 1)

        #expect(broker.reply("w2", to: "c", 1).replies == [SentReply(client: "c", id: 1, status: .ok, body: "done")])
        #expect(broker.countersAddUp)
    }

    @Test("a worker is dropped exactly liveness × heartbeat interval after its last message, not before")
    func expiryInstant() {
        var broker = Broker()
        broker.clock = 500
        _ = broker.ready("w1")
        #expect(broker.router.workers(of: "echo").first?.expiresAt == Broker.instant(ms: 3_500))
        #expect(broker.tick(at: 3_499).disconnects.isEmpty)
        #expect(broker.router.workerCount == 1)
        #expect(broker.tick(at: 3_500).disconnects == ["w1"])
        #expect(broker.router.workerCount == 0)
    }

    @Test("any message from a worker keeps it alive: heartbeats, replies, READY")
    func anyMessageRefreshes() {
        var broker = Broker()
        _ = broker.ready("w1")
        for step in 1...30 {
            broker.clock = UInt64(step) * 2_000
            switch step % 3 {
            case 0: _ = broker.heartbeat("w1")
            case 1:
                _ = broker.request("c", step)
                _ = broker.reply("w1", to: "c", step)
            default: _ = broker.ready("w1")
            }
            #expect(broker.router.tick(now: broker.now).disconnects.isEmpty)
        }
        #expect(broker.counters.workersExpired == 0)
    }

    @Test("a heartbeat from a peer that is not a registered worker gets DISCONNECT so it registers again")
    func unknownHeartbeat() {
        var broker = Broker()
        let actions = broker.heartbeat("ghost")
        #expect(actions.disconnects == ["ghost"])
        #expect(broker.counters.unregisteredWorkerMessages == 1)
        #expect(broker.router.workerCount == 0)

        _ = broker.ready("ghost")
        #expect(broker.heartbeat("ghost").isEmpty)
    }

    @Test("a reply from a peer that is not a registered worker gets DISCONNECT and is dropped and counted")
    func unknownReply() {
        var broker = Broker()
        _ = broker.request("c", 1)
        let actions = broker.reply("ghost", to: "c", 1)
        #expect(actions.disconnects == ["ghost"])
        #expect(actions.replies.isEmpty)
        #expect(broker.counters.unknownRepliesDropped == 1)
        #expect(broker.router.queuedRequestCount == 1)
    }

    @Test("a worker that says DISCONNECT is dropped and its requests go back to the front of the queue")
    func requeuedGoFirst() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 2)
        _ = broker.ready("w2", credit: 1)
        #expect(broker.request("c", 1).requests.map(\.worker) == ["w1"])
        #expect(broker.request("c", 2).requests.map(\.worker) == ["w2"])
        #expect(broker.request("c", 3).requests.map(\.worker) == ["w1"])
        #expect(broker.request("c", 4).requests.isEmpty)

        let dropped = broker.disconnect("w1")
        #expect(dropped.isEmpty, "nothing is sent to a worker that left, and w2 is busy")
        #expect(broker.counters.workersLeft == 1)
        #expect(broker.counters.requestsRequeued == 2)
        #expect(broker.router.queuedRequestCount == 3)

        var order = [Int]()
        var last = 2
        for _ in 1...3 {
            let next = broker.reply("w2", to: "c", last).requests.map(\.id)
            order += next
            last = next.last ?? last
        }
        #expect(order == [1, 3, 4])
    }

    @Test("a request whose deadline passed while its worker was dying is answered timeout, never sent again")
    func noRequeueAfterDeadline() {
        var broker = Broker()
        _ = broker.ready("w1")
        #expect(broker.request("c", 1, timeout: .seconds(2)).requests.map(\.worker) == ["w1"])
        _ = broker.ready("w2")

        _ = broker.heartbeat("w2")
        #expect(broker.tick(at: 2_000).replies == [SentReply(client: "c", id: 1, status: .timeout, body: nil)])
        _ = broker.heartbeat("w2")
        let dropped = broker.tick(at: 3_000)
        #expect(dropped.disconnects == ["w1"])
        #expect(dropped.requests.isEmpty)
        #expect(broker.counters.requestsRequeued == 0)
    }

    @Test("a request whose deadline comes the moment its worker expires is answered timeout, not requeued")
    func deadlineAndExpiryTogether() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .seconds(3))
        _ = broker.ready("w2")
        for at in [1_000, 2_000] as [UInt64] {
            broker.clock = at
            _ = broker.heartbeat("w2")
        }
        let actions = broker.tick(at: 3_000)
        #expect(actions.replies == [SentReply(client: "c", id: 1, status: .timeout, body: nil)])
        #expect(actions.disconnects == ["w1"])
        #expect(actions.requests.isEmpty)
    }

    @Test("a worker silent past its expiry is dropped before any new request can reach it")
    func noRequestToExpiredWorker() {
        var broker = Broker()
        _ = broker.ready("w1")
        broker.clock = 5_000
        let actions = broker.request("c", 1)
        #expect(actions.disconnects == ["w1"])
        #expect(actions.requests.isEmpty)
        #expect(broker.router.queuedRequestCount == 1)
    }

    @Test("workers(of:) shows each worker's credit, load, last message and expiry for status")
    func workerStatus() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 2)
        broker.clock = 100
        _ = broker.ready("w2", credit: 5)
        _ = broker.request("c", 1)
        #expect(
            broker.router.workers(of: "echo") == [
                WorkerInfo(
                    peer: PeerID("w1"), service: "echo", credit: 2, inFlight: 1,
                    lastHeard: Broker.instant(ms: 0), expiresAt: Broker.instant(ms: 3_000)
                ),
                WorkerInfo(
                    peer: PeerID("w2"), service: "echo", credit: 5, inFlight: 0,
                    lastHeard: Broker.instant(ms: 100), expiresAt: Broker.instant(ms: 3_100)
                ),
            ]
        )
        #expect(broker.router.workers(of: "nothing").isEmpty)
    }
}
