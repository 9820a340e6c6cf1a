import PeixunBroker
import Testing

@Suite("Deadlines, late replies and wake-ups")
struct DeadlineTests {
    @Test("a request for a service with no worker is answered noWorker at its deadline")
    func noWorkerAtDeadline() {
        var broker = Broker()
        _ = broker.request("c", 1, service: "nobody", timeout: .milliseconds(500))
        #expect(broker.tick(at: 499).isEmpty)
        let actions = broker.tick(at: 500)
        #expect(
            actions == [
                .sendReply(
                    to: PeerID("c"), requestID: RequestID(1), status: .noWorker,
                    detail: "no worker for nobody before the deadline", body: nil
                )
            ]
        )
        #expect(broker.counters.requestsFailedNoWorker == 1)
        #expect(broker.router.serviceNames.isEmpty, "a service with no worker and no request is forgotten")
        #expect(broker.countersAddUp)
    }

    @Test("a request waiting behind busy workers is answered timeout at its deadline")
    func timeoutWhileWaiting() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .seconds(30))
        _ = broker.request("c", 2, timeout: .milliseconds(800))
        _ = broker.heartbeat("w1")
        #expect(broker.tick(at: 800).replies == [SentReply(client: "c", id: 2, status: .timeout, body: nil)])
        #expect(broker.counters.requestsFailedTimeout == 1)
        #expect(broker.reply("w1", to: "c", 1).requests.isEmpty, "the expired request is not sent afterwards")
    }

    @Test("a request at a worker past its deadline is answered timeout; the worker's late reply is dropped and counted")
    func lateReplyDropped() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .milliseconds(800))
        #expect(broker.tick(at: 800).replies == [SentReply(client: "c", id: 1, status: .timeout, body: nil)])
        #expect(broker.router.overdueRequestCount == 1)

        broker.clock = 900
        #expect(broker.reply("w1", to: "c", 1).isEmpty)
        #expect(broker.counters.lateRepliesDropped == 1)
        #expect(broker.counters.requestsReplied == 0)
        #expect(broker.router.overdueRequestCount == 0)
        #expect(broker.countersAddUp)
    }

    @Test("a timed-out request keeps its worker's credit until the worker replies")
    func timedOutKeepsCredit() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .milliseconds(100))
        _ = broker.tick(at: 100)
        broker.clock = 200
        #expect(broker.request("c", 2).requests.isEmpty, "w1 is still busy with request 1")
        broker.clock = 300
        #expect(broker.reply("w1", to: "c", 1).requests.map(\.id) == [2])
    }

    @Test("a reply for a request nobody asked for is dropped and counted, and disturbs nothing")
    func unknownReplyDropped() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 2)
        _ = broker.request("c", 1)
        #expect(broker.reply("w1", to: "c", 99).isEmpty)
        #expect(broker.reply("w1", to: "someone", 1).isEmpty)
        #expect(broker.counters.unknownRepliesDropped == 2)
        #expect(broker.router.workers(of: "echo").map(\.inFlight) == [1])
        #expect(broker.reply("w1", to: "c", 1).replies.map(\.status) == [.ok])
    }

    @Test("a reply from a worker that does not hold the request is dropped; the holder's reply counts")
    func replyFromWrongWorker() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.ready("w2")
        _ = broker.request("c", 1)
        #expect(broker.reply("w2", to: "c", 1).isEmpty)
        #expect(broker.counters.unknownRepliesDropped == 1)
        #expect(broker.reply("w1", to: "c", 1).replies.map(\.status) == [.ok])
    }

    @Test("a timeout longer than the configured maximum is cut to it")
    func timeoutCapped() {
        var broker = Broker(maxTimeout: .seconds(2))
        _ = broker.request("c", 1, service: "nobody", timeout: .seconds(3_600))
        #expect(broker.router.nextWakeup == Broker.instant(ms: 2_000))
        #expect(broker.tick(at: 2_000).replies.map(\.status) == [.noWorker])
    }

    @Test("requests with different timeouts are answered in deadline order, not arrival order")
    func deadlineOrder() {
        var broker = Broker()
        _ = broker.request("c", 1, service: "nobody", timeout: .milliseconds(3_000))
        _ = broker.request("c", 2, service: "nobody", timeout: .milliseconds(1_000))
        _ = broker.request("c", 3, service: "nobody", timeout: .milliseconds(2_000))
        _ = broker.request("c", 4, service: "nobody", timeout: .milliseconds(1_000))
        var answered: [Int] = []
        while let wake = broker.router.nextWakeup {
            answered += broker.router.tick(now: wake).replies.map(\.id)
        }
        #expect(answered == [2, 4, 3, 1])
    }

    @Test("nextWakeup is nil when nothing is pending")
    func nothingPending() {
        var broker = Broker()
        #expect(broker.router.nextWakeup == nil)
        _ = broker.request("c", 1, service: "nobody", timeout: .seconds(1))
        _ = broker.tick(at: 1_000)
        #expect(broker.router.nextWakeup == nil)
    }

    @Test("nextWakeup is the earliest of the next heartbeat, the next worker expiry and the next deadline")
    func nextWakeupIsEarliest() {
        var broker = Broker()
        _ = broker.request("c", 1, service: "nobody", timeout: .seconds(5))
        #expect(broker.router.nextWakeup == Broker.instant(ms: 5_000), "deadline alone")

        _ = broker.ready("w1")
        #expect(broker.router.nextWakeup == Broker.instant(ms: 1_000), "heartbeat before expiry and deadline")

        _ = broker.request("c", 2, service: "nobody", timeout: .milliseconds(300))
        #expect(broker.router.nextWakeup == Broker.instant(ms: 300), "deadline before heartbeat")

        _ = broker.tick(at: 300)
        _ = broker.tick(at: 2_500)  // the loop was late: one round of heartbeats, next at 3 500
        #expect(broker.router.nextWakeup == Broker.instant(ms: 3_000), "w1's expiry before heartbeat and deadline")
    }

    @Test("an answered request's deadline no longer wakes the loop")
    func answeredDeadlineForgotten() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .milliseconds(300))
        #expect(broker.router.nextWakeup == Broker.instant(ms: 300))
        broker.clock = 100
        _ = broker.reply("w1", to: "c", 1)
        #expect(broker.router.nextWakeup == Broker.instant(ms: 1_000))
    }

    @Test("ticking early or twice at the same instant changes nothing")
    func extraTicksAreHarmless() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, service: "nobody", timeout: .seconds(2))
        #expect(broker.tick(at: 10).isEmpty)
        #expect(broker.tick(at: 10).isEmpty)
        #expect(broker.tick(at: 1_000).heartbeats == ["w1"])
        #expect(broker.tick(at: 1_000).isEmpty)
    }

    @Test("an instant earlier than one already seen counts as the latest instant seen")
    func timeNeverGoesBack() {
        var broker = Broker()
        _ = broker.tick(at: 5_000)
        broker.clock = 1_000
        _ = broker.request("c", 1, service: "nobody", timeout: .seconds(1))
        #expect(broker.router.lastInstant == Broker.instant(ms: 5_000))
        #expect(broker.router.nextWakeup == Broker.instant(ms: 6_000))
    }
}
