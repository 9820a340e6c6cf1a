import PeixunBroker
import Testing

@Suite("Malformed and out-of-place messages")
struct MalformedInputTests {
    /// A broker with a healthy worker holding one request and one more request waiting.
    static func busyBroker() -> Broker {
        var broker = Broker()
        _ = broker.ready("good")
        _ = broker.request("c", 1)
        _ = broker.request("c", 2)
        return broker
    }

    @Test(
        "malformed READY (credit 0, empty service) is refused and counted and no one else is affected",
        arguments: [
            ("echo", 0), ("echo", -3), ("", 1), (String(repeating: "s", count: 256), 1),
        ]
    )
    func malformedReadyRefused(service: String, credit: Int) {
        var broker = Self.busyBroker()
        let before = broker.router.workers(of: "echo")

        let actions = broker.ready("bad", service, credit: credit)
        #expect(actions.disconnects == ["bad"])
        #expect(actions.requests.isEmpty && actions.replies.isEmpty)
        #expect(broker.counters.protocolErrors == 1)
        #expect(broker.counters.workersRegistered == 1)
        #expect(broker.router.workers(of: "echo") == before)
        #expect(broker.router.queuedRequestCount == 1)

        let next = broker.reply("good", to: "c", 1)
        #expect(next.replies.map(\.status) == [.ok])
        #expect(next.requests == [SentRequest(worker: "good", client: "c", id: 2, body: "")])
    }

    @Test("malformed READY from a registered worker disconnects it and its requests go to others")
    func malformedReadyFromWorker() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1)
        _ = broker.ready("w2")
        let actions = broker.ready("w1", credit: 0)
        #expect(actions.disconnects == ["w1"])
        #expect(actions.requests.map(\.worker) == ["w2"])
        #expect(broker.counters.workersEvicted == 1)
    }

    @Test("READY for a different service disconnects the worker and its requests go to others")
    func readyForOtherService() {
        var broker = Broker()
        _ = broker.ready("w1", "echo")
        _ = broker.request("c", 1)
        _ = broker.ready("w2", "echo")
        let actions = broker.ready("w1", "pricing")
        #expect(
            actions.first == .sendDisconnect(to: PeerID("w1"), reason: "READY for a different service than registered"))
        #expect(actions.requests == [SentRequest(worker: "w2", client: "c", id: 1, body: "")])
        #expect(broker.counters.protocolErrors == 1)
        #expect(broker.router.workers(of: "pricing").isEmpty)
        #expect(broker.router.workers(of: "echo").map(\.peer) == [PeerID("w2")])
    }

    @Test(
        "a client request with an empty or too long service name or no timeout is answered invalid at once",
        arguments: [
            ("", Duration.seconds(1)), (String(repeating: "s", count: 256), .seconds(1)),
            ("echo", .zero), ("echo", .milliseconds(-5)),
        ]
    )
    func invalidRequest(service: String, timeout: Duration) {
        var broker = Self.busyBroker()
        let actions = broker.request("bad", 7, service: service, timeout: timeout)
        #expect(actions.replies == [SentReply(client: "bad", id: 7, status: .invalid, body: nil)])
        #expect(actions.requests.isEmpty)
        #expect(broker.counters.requestsFailedInvalid == 1)
        #expect(broker.counters.protocolErrors == 1)
        #expect(broker.router.queuedRequestCount == 1)
        #expect(broker.countersAddUp)
    }

    @Test("the same client repeating a request id while it waits is dropped; the one answer serves both")
    func duplicateWhilePending() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1)
        #expect(broker.request("c", 1).isEmpty)
        #expect(broker.counters.duplicateRequestsDropped == 1)
        #expect(broker.counters.requestsReceived == 1)
        #expect(broker.reply("w1", to: "c", 1).replies.count == 1)
        #expect(broker.countersAddUp)
    }

    @Test("two clients may use the same request id without meeting")
    func sameIDDifferentClients() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 2)
        _ = broker.request("alice", 1, body: "a")
        _ = broker.request("bob", 1, body: "b")
        #expect(
            broker.reply("w1", to: "bob", 1, body: "B").replies == [
                SentReply(client: "bob", id: 1, status: .ok, body: "B")
            ])
        #expect(
            broker.reply("w1", to: "alice", 1, body: "A").replies == [
                SentReply(client: "alice", id: 1, status: .ok, body: "A")
            ])
    }

    @Test("a request id still held by a worker after its timeout is answered invalid; after the reply it is free")
    func requestIDStillHeld() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.request("c", 1, timeout: .milliseconds(100))
        _ = broker.tick(at: 100)
        #expect(broker.request("c", 1).replies.map(\.status) == [.invalid])
        _ = broker.reply("w1", to: "c", 1)
        #expect(broker.request("c", 1).requests.map(\.worker) == ["w1"])
        #expect(broker.countersAddUp)
    }

    @Test("an undecodable message is counted and changes nothing")
    func undecodable() {
        var broker = Self.busyBroker()
        let wakeup = broker.router.nextWakeup
        broker.router.malformedMessage(from: PeerID("noise"))
        #expect(broker.counters.protocolErrors == 1)
        #expect(broker.router.nextWakeup == wakeup)
        #expect(broker.router.queuedRequestCount == 1 && broker.router.inFlightRequestCount == 1)
    }

    @Test("DISCONNECT from a peer that is not a worker changes nothing")
    func strayDisconnect() {
        var broker = Self.busyBroker()
        #expect(broker.disconnect("stranger").isEmpty)
        #expect(broker.router.workerCount == 1)
        #expect(broker.counters.workersLeft == 0)
    }

    @Test("a peer that is both a worker and a client is served as both")
    func workerAsClient() {
        var broker = Broker()
        _ = broker.ready("w1", "echo")
        _ = broker.ready("w2", "pricing")
        #expect(broker.request("w1", 1, service: "pricing").requests.map(\.worker) == ["w2"])
        #expect(broker.reply("w2", to: "w1", 1).replies.map(\.client) == ["w1"])
    }
}
