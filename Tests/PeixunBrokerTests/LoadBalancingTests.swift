import PeixunBroker
import Testing

@Suite("Load balancing")
struct LoadBalancingTests {
    @Test("a request goes to a ready worker of its service and the worker's reply goes back to the client")
    func requestAndReply() {
        var broker = Broker()
        #expect(broker.ready("w1", "echo").isEmpty)

        let sent = broker.request("c1", 1, service: "echo", body: "hello")
        #expect(
            sent == [
                .sendRequest(
                    to: PeerID("w1"), requestID: RequestID(1), client: PeerID("c1"), service: "echo", body: "hello"
                )
            ]
        )

        let answered = broker.reply("w1", to: "c1", 1, body: "HELLO")
        #expect(
            answered == [.sendReply(to: PeerID("c1"), requestID: RequestID(1), status: .ok, detail: "", body: "HELLO")])
        #expect(broker.counters.requestsReceived == 1)
        #expect(broker.counters.requestsDispatched == 1)
        #expect(broker.counters.requestsReplied == 1)
        #expect(broker.countersAddUp)
    }

    @Test("two workers of one service share requests evenly, whether answered at once or piling up")
    func evenSharing() {
        var answeredAtOnce = Broker()
        _ = answeredAtOnce.ready("w1", credit: 10)
        _ = answeredAtOnce.ready("w2", credit: 10)
        var perWorker: [String: Int] = [:]
        for id in 1...100 {
            for request in answeredAtOnce.request("c", id).requests {
                perWorker[request.worker, default: 0] += 1
                _ = answeredAtOnce.reply(request.worker, to: "c", id)
            }
        }
        #expect(perWorker == ["w1": 50, "w2": 50])

        var pilingUp = Broker()
        _ = pilingUp.ready("w1", credit: 100)
        _ = pilingUp.ready("w2", credit: 100)
        let workers = (1...100).flatMap { pilingUp.request("c", $0).requests.map(\.worker) }
        #expect(workers.filter { $0 == "w1" }.count == 50)
        #expect(workers.filter { $0 == "w2" }.count == 50)
    }

    @Test("the next request goes to the worker that has been idle longest")
    func leastRecentlyUsed() {
        var broker = Broker()
        _ = broker.ready("w1")
        _ = broker.ready("w2")
        #expect(broker.request("c", 1).requests.map(\.worker) == ["w1"])
        #expect(broker.request("c", 2).requests.map(\.worker) == ["w2"])
        _ = broker.reply("w2", to: "c", 2)
        _ = broker.reply("w1", to: "c", 1)
        #expect(broker.request("c", 3).requests.map(\.worker) == ["w2"])
        #expect(broker.request("c", 4).requests.map(\.worker) == ["w1"])
    }

    @Test("credit limits the requests a worker holds at once; each reply lets one more through")
    func creditLimitsInFlight() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 2)
        let sent = (1...5).flatMap { broker.request("c", $0).requests.map(\.id) }
        #expect(sent == [1, 2])
        #expect(broker.router.inFlightRequestCount == 2)
        #expect(broker.router.queuedRequestCount == 3)

        #expect(broker.reply("w1", to: "c", 1).requests.map(\.id) == [3])
        #expect(broker.reply("w1", to: "c", 2).requests.map(\.id) == [4])
        #expect(broker.reply("w1", to: "c", 3).requests.map(\.id) == [5])
        #expect(broker.reply("w1", to: "c", 4).requests.isEmpty)
        #expect(broker.router.workers(of: "echo").map(\.inFlight) == [1])
        #expect(broker.countersAddUp)
    }

    @Test("waiting requests of a service are served in the order they arrived")
    func fifoPerService() {
        var broker = Broker()
        for id in 1...5 { _ = broker.request("c\(id % 2)", id) }
        #expect(broker.router.queuedRequestCount(of: "echo") == 5)

        var order = broker.ready("w1").requests.map(\.id)
        for _ in 1...4 {
            let last = order.last!
            order += broker.reply("w1", to: "c\(last % 2)", last).requests.map(\.id)
        }
        #expect(order == [1, 2, 3, 4, 5])
    }

    @Test("requests for one service never go to a worker of another service")
    func servicesAreSeparate() {
        var broker = Broker()
        _ = broker.ready("pricing", "pricing", credit: 100)
        _ = broker.ready("catalog", "catalog", credit: 100)
        let pricing = (1...10).flatMap { broker.request("c", $0, service: "pricing").requests.map(\.worker) }
        let catalog = (11...20).flatMap { broker.request("c", $0, service: "catalog").requests.map(\.worker) }
        #expect(Set(pricing) == ["pricing"])
        #expect(Set(catalog) == ["catalog"])
        #expect(broker.router.serviceNames == ["catalog", "pricing"])
    }

    @Test("READY again with more credit lets the worker take waiting requests at once")
    func readyRaisesCredit() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 1)
        for id in 1...3 { _ = broker.request("c", id) }
        #expect(broker.ready("w1", credit: 3).requests.map(\.id) == [2, 3])
        #expect(broker.router.workers(of: "echo").map(\.credit) == [3])
        #expect(broker.counters.workersRegistered == 1)
    }

    @Test("READY again with less credit holds back requests until the worker is under its new credit")
    func readyLowersCredit() {
        var broker = Broker()
        _ = broker.ready("w1", credit: 3)
        for id in 1...4 { _ = broker.request("c", id) }
        #expect(broker.ready("w1", credit: 1).isEmpty)
        #expect(broker.reply("w1", to: "c", 1).requests.isEmpty)
        #expect(broker.reply("w1", to: "c", 2).requests.isEmpty)
        #expect(broker.reply("w1", to: "c", 3).requests.map(\.id) == [4])
    }

    @Test("a thousand workers of one service each get their share of twenty thousand requests")
    func manyWorkers() {
        var broker = Broker()
        for index in 0..<1_000 { _ = broker.ready("w\(index)", credit: 4) }
        var perWorker: [String: Int] = [:]
        for id in 1...20_000 {
            for request in broker.request("c", id).requests {
                perWorker[request.worker, default: 0] += 1
                _ = broker.reply(request.worker, to: "c", id)
            }
        }
        #expect(perWorker.count == 1_000)
        #expect(Set(perWorker.values) == [20])
        #expect(broker.counters.requestsReplied == 20_000)
    }
}
