import PeixunBroker
import PeixunTestSupport
import Testing

@Suite("Random interleavings keep the routing promises")
struct RandomizedRoutingTests {
    @Test(
        "every request is answered exactly once, credit and liveness are respected, counters add up",
        arguments: [1, 2, 3, 42, 2_026] as [UInt64]
    )
    func randomInterleavings(seed: UInt64) {
        var simulation = Simulation(seed: seed)
        simulation.run(steps: 10_000)
        simulation.drain()
        #expect(
            simulation.violations.isEmpty,
            "seed \(seed): \(simulation.violations.prefix(5)) after \(simulation.log.context.joined(separator: "\n"))"
        )

        // The run must have gone through every path it is meant to check.
        let counters = simulation.broker.counters
        #expect(counters.requestsReplied > 500)
        #expect(counters.requestsFailedNoWorker > 0)
        #expect(counters.requestsFailedTimeout > 0)
        #expect(counters.requestsFailedInvalid > 0)
        #expect(counters.requestsRequeued > 0)
        #expect(counters.workersExpired > 0)
        #expect(counters.workersLeft > 0)
        #expect(counters.workersEvicted > 0)
        #expect(counters.lateRepliesDropped > 0)
        #expect(counters.duplicateRequestsDropped > 0)
    }
}

/// Workers, clients and a clock driven at random against the router, with a model of what each
/// peer has seen that checks every action as it comes out.
struct Simulation {
    static let services = ["alpha", "beta", "gamma"]
    static let expiryMs: UInt64 = 3_000
    static let maxTimeoutMs: UInt64 = 2_000

    struct Key: Hashable, Comparable {
        var client: String
        var id: Int
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.client, lhs.id) < (rhs.client, rhs.id) }
    }

    /// A worker as the broker should see it (registered), with the requests sent to it.
    struct RegisteredWorker {
        var service: String
        var credit: Int
        var lastHeard: UInt64
        var holding: Set<Key> = []
    }

    /// A running worker process (one that crashed is simply gone from `processes`).
    struct Process {
        var service: String
        var credit: Int
        var lastSent: UInt64 = 0
        var stalledUntil: UInt64 = 0
    }

    struct Pending {
        var deadline: UInt64
        var service: String
        var body: String
    }

    /// What the current input makes the router do to its sender, applied in order with its actions.
    struct Expectation {
        var okReply: (key: Key, body: String)?
        var invalidReply: Key?
        /// A READY that registers or updates its sender; applied at the first request sent to it or
        /// at the end of the batch, after any disconnect the catching-up part of the batch holds.
        var registration: (name: String, worker: RegisteredWorker)?
    }

    var rng: SplitMix64
    var broker = Broker(heartbeatMilliseconds: 1_000, liveness: 3, maxTimeout: .seconds(2))
    /// Broken promises, as readable lines. A reference, so that checking needs no exclusive access.
    final class Log {
        var lines: [String] = []
        /// The last inputs and what the router did, kept to explain the first broken promise.
        var recent: [String] = []
        var context: [String] = []
    }

    let log = Log()
    var violations: [String] { log.lines }

    var registered: [String: RegisteredWorker] = [:]
    var heldBy: [Key: String] = [:]
    var processes: [String: Process] = [:]
    var mustRegisterAgain: Set<String> = []
    var pending: [Key: Pending] = [:]
    var answered: Set<Key> = []
    var received = 0
    var invalid = 0
    var nextID = 0
    var nextWorker = 0
    var generating = true

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    var t: UInt64 { broker.clock }

    func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        log.lines.append("at \(t) ms: \(message())")
        if log.context.isEmpty { log.context = log.recent }
    }

    mutating func roll(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    // MARK: Driving

    mutating func run(steps: Int) {
        for _ in 0..<steps {
            for name in mustRegisterAgain.sorted() where processes[name] != nil {
                sendReady(from: name, service: processes[name]!.service, credit: processes[name]!.credit)
            }
            switch roll(0...99) {
            case 0..<30: clientRequest()
            case 30..<55: workerReply()
            case 55..<75: advanceTime()
            case 75..<80: spawnWorker()
            case 80..<82: crashWorker()
            case 82..<84: workerLeaves()
            case 84..<88: readyAgain()
            case 88..<90: stallWorker()
            default: strayMessage()
            }
        }
    }

    /// No more requests; live workers answer what they hold; time runs past every deadline.
    mutating func drain() {
        generating = false
        mustRegisterAgain.removeAll()
        for _ in 0..<60 {
            for name in processes.keys.sorted() {
                for key in (registered[name]?.holding ?? []).sorted() where isResponsive(name) {
                    reply(from: name, key: key)
                }
            }
            advanceTime(by: 100)
        }
        check(pending.isEmpty, "requests never answered: \(pending.keys.sorted().prefix(5))")
        check(broker.router.queuedRequestCount == 0, "requests still queued")
        check(broker.router.inFlightRequestCount == 0, "requests still in flight")
        check(answered.count + invalid == received, "answers \(answered.count) + invalid \(invalid) != \(received)")
    }

    func isResponsive(_ name: String) -> Bool {
        guard let process = processes[name] else { return false }
        return process.stalledUntil <= t
    }

    mutating func clientRequest() {
        let client = "c\(roll(0...3))"
        let die = roll(0...99)
        if die < 3, let key = pending.keys.filter({ $0.client == client && pending[$0]!.deadline > t }).sorted().first {
            let before = broker.counters.duplicateRequestsDropped
            let p = pending[key]!
            let actions = broker.request(key.client, key.id, service: p.service, timeout: .seconds(1), body: p.body)
            apply(actions, Expectation())
            check(broker.counters.duplicateRequestsDropped == before + 1, "duplicate \(key) not dropped")
            return
        }
        nextID += 1
        let key = Key(client: client, id: nextID)
        received += 1
        if die < 5 {
            invalid += 1
            let actions =
                die == 3
                ? broker.request(client, key.id, service: "", body: "b")
                : broker.request(client, key.id, service: "alpha", timeout: .zero, body: "b")
            apply(actions, Expectation(invalidReply: key))
            return
        }
        // "delta" never has a worker; some timeouts exceed the 2 s maximum.
        let service = (Self.services + ["delta"])[roll(0...3)]
        let timeoutMs = UInt64(roll(50...2_500))
        let body = "b\(key.id)"
        pending[key] = Pending(deadline: t + min(timeoutMs, Self.maxTimeoutMs), service: service, body: body)
        let actions = broker.request(
            client, key.id, service: service, timeout: .milliseconds(Int64(timeoutMs)), body: body)
        apply(actions, Expectation())
    }

    mutating func workerReply() {
        let candidates = registered.keys.sorted().filter { isResponsive($0) && !registered[$0]!.holding.isEmpty }
        guard !candidates.isEmpty else { return }
        let name = candidates[roll(0...candidates.count - 1)]
        let held = registered[name]!.holding.sorted()
        reply(from: name, key: held[roll(0...held.count - 1)])
    }

    mutating func reply(from name: String, key: Key) {
        var expectation = Expectation()
        let body = "r\(key.id)"
        var wasHeld = false
        if var worker = registered[name], worker.lastHeard + Self.expiryMs > t {
            wasHeld = worker.holding.remove(key) != nil
            registered[name] = worker
            heldBy[key] = nil
            if let p = pending[key], p.deadline > t { expectation.okReply = (key, body) }
        }
        let late = broker.counters.lateRepliesDropped
        let actions = broker.reply(name, to: key.client, key.id, body: body)
        apply(actions, expectation, from: name)
        if wasHeld, expectation.okReply == nil {
            check(broker.counters.lateRepliesDropped == late + 1, "late reply for \(key) not counted")
        }
    }

    mutating func advanceTime(by step: UInt64? = nil) {
        broker.clock += step ?? UInt64(roll(1...400))
        // Live workers heartbeat about once a second, as a Majordomo worker does.
        for name in processes.keys.sorted() where isResponsive(name) && registered[name] != nil {
            if processes[name]!.lastSent + 1_000 <= t {
                processes[name]!.lastSent = t
                apply(broker.heartbeat(name), Expectation(), from: name)
            }
        }
        // Now and then the loop is late and the next input catches up instead of a tick.
        guard step != nil || roll(0...4) > 0 else { return }
        apply(broker.router.tick(now: broker.now), Expectation())
        for (name, worker) in registered.sorted(by: { $0.key < $1.key }) {
            check(worker.lastHeard + Self.expiryMs > t, "\(name) silent since \(worker.lastHeard) not dropped")
        }
        for (key, p) in pending.sorted(by: { $0.key < $1.key }) {
            check(p.deadline > t, "\(key) not answered at its deadline \(p.deadline)")
        }
    }

    mutating func spawnWorker() {
        guard generating, processes.count < 8 else { return }
        nextWorker += 1
        let name = "w\(nextWorker)"
        let process = Process(service: Self.services[roll(0...2)], credit: roll(1...3), lastSent: t)
        processes[name] = process
        sendReady(from: name, service: process.service, credit: process.credit)
    }

    mutating func crashWorker() {
        let names = processes.keys.sorted()
        guard !names.isEmpty else { return }
        processes[names[roll(0...names.count - 1)]] = nil
    }

    mutating func workerLeaves() {
        let names = processes.keys.sorted().filter { registered[$0] != nil }
        guard !names.isEmpty else { return }
        let name = names[roll(0...names.count - 1)]
        processes[name] = nil
        // Unless it expired a moment ago (then the batch's DISCONNECT says so), it leaves now, before
        // the router hands what it held to others.
        if let worker = registered[name], worker.lastHeard + Self.expiryMs > t {
            registered[name] = nil
            release(worker)
        }
        apply(broker.disconnect(name), Expectation(), from: name)
    }

    mutating func readyAgain() {
        let names = processes.keys.sorted().filter { registered[$0] != nil && isResponsive($0) }
        guard !names.isEmpty else { return }
        let name = names[roll(0...names.count - 1)]
        let process = processes[name]!
        switch roll(0...9) {
        case 0: sendReady(from: name, service: process.service, credit: 0)
        case 1: sendReady(from: name, service: "", credit: 1)
        case 2: sendReady(from: name, service: Self.services.first { $0 != process.service }!, credit: 1)
        default:
            processes[name]!.credit = roll(1...3)
            sendReady(from: name, service: process.service, credit: processes[name]!.credit)
        }
    }

    mutating func stallWorker() {
        let names = processes.keys.sorted()
        guard !names.isEmpty else { return }
        processes[names[roll(0...names.count - 1)]]!.stalledUntil = t + UInt64(roll(2_000...5_000))
    }

    mutating func strayMessage() {
        switch roll(0...3) {
        case 0:
            apply(broker.heartbeat("ghost"), Expectation(), from: "ghost")
        case 1:
            apply(broker.reply("ghost", to: "c0", 1), Expectation(), from: "ghost")
        case 2:
            let names = registered.keys.sorted().filter { isResponsive($0) }
            guard let name = names.first else { return }
            let unknown = broker.counters.unknownRepliesDropped
            reply(from: name, key: Key(client: "c0", id: 1_000_000 + nextID))
            check(broker.counters.unknownRepliesDropped == unknown + 1, "unknown reply not counted")
        default:
            broker.router.malformedMessage(from: PeerID("noise"))
            apply([], Expectation())
        }
    }

    mutating func sendReady(from name: String, service: String, credit: Int) {
        var expectation = Expectation()
        let current = registered[name].flatMap { $0.lastHeard + Self.expiryMs > t ? $0 : nil }
        if !service.isEmpty, credit >= 1, current == nil || current!.service == service {
            var worker = current ?? RegisteredWorker(service: service, credit: credit, lastHeard: t)
            worker.credit = credit
            worker.lastHeard = t
            expectation.registration = (name, worker)
        }
        if processes[name] != nil { processes[name]!.lastSent = t }
        let actions = broker.ready(name, service, credit: credit)
        apply(actions, expectation, from: name)
        if expectation.registration == nil {
            check(actions.disconnects.contains(name), "refused READY from \(name) without DISCONNECT")
            check(registered[name] == nil, "refused READY left \(name) registered")
        }
    }

    // MARK: Checking

    /// Checks a batch of actions against the model, in order, and updates the model.
    mutating func apply(_ actions: [Action], _ expectation: Expectation, from sender: String? = nil) {
        log.recent.append("\(t) ms from \(sender ?? "-"): \(actions)")
        if log.recent.count > 12 { log.recent.removeFirst() }
        var expectation = expectation
        for action in actions {
            switch action {
            case .sendRequest(let to, let requestID, let client, let service, let body):
                let name = to.name
                if let registration = expectation.registration, registration.name == name {
                    register(registration.name, registration.worker)
                    expectation.registration = nil
                }
                let key = Key(client: client.name, id: requestID.number)
                guard var worker = registered[name] else {
                    check(false, "\(key) sent to \(name), which is not a registered worker")
                    continue
                }
                check(t < worker.lastHeard + Self.expiryMs, "\(key) sent to \(name) after its expiry")
                check(worker.holding.count < worker.credit, "\(key) sent to \(name) beyond its credit \(worker.credit)")
                check(worker.service == service, "\(key) for \(service) sent to a worker of \(worker.service)")
                check(heldBy[key] == nil, "\(key) sent to \(name) while \(heldBy[key] ?? "") holds it")
                if let p = pending[key] {
                    check(p.service == service && p.body == body, "\(key) sent with the wrong service or body")
                } else {
                    check(false, "\(key) sent to \(name) but its client was already answered or never asked")
                }
                worker.holding.insert(key)
                registered[name] = worker
                heldBy[key] = name

            case .sendReply(let to, let requestID, let status, _, let body):
                let key = Key(client: to.name, id: requestID.number)
                if status == .invalid {
                    check(expectation.invalidReply == key, "unexpected invalid reply for \(key)")
                    expectation.invalidReply = nil
                    continue
                }
                guard let p = pending.removeValue(forKey: key) else {
                    check(false, "\(key) answered \(status) but nothing was pending (answered twice?)")
                    continue
                }
                answered.insert(key)
                let serviceHasWorker = registered.values.contains { $0.service == p.service }
                switch status {
                case .ok:
                    check(
                        expectation.okReply?.key == key && expectation.okReply?.body == body, "unexpected ok for \(key)"
                    )
                    check(t < p.deadline, "\(key) answered ok after its deadline")
                    expectation.okReply = nil
                case .noWorker:
                    check(t >= p.deadline, "\(key) answered noWorker before its deadline")
                    check(
                        heldBy[key] == nil && !serviceHasWorker,
                        "\(key) answered noWorker while \(p.service) has workers")
                case .timeout:
                    check(t >= p.deadline, "\(key) answered timeout before its deadline")
                    check(heldBy[key] != nil || serviceHasWorker, "\(key) answered timeout, should be noWorker")
                case .invalid:
                    break
                }

            case .sendHeartbeat(let to):
                check(registered[to.name] != nil, "heartbeat to \(to.name), which is not a registered worker")

            case .sendDisconnect(let to, _):
                let name = to.name
                if let worker = registered.removeValue(forKey: name) { release(worker) }
                if processes[name] != nil { mustRegisterAgain.insert(name) }
            }
        }
        if let registration = expectation.registration { register(registration.name, registration.worker) }
        check(expectation.okReply == nil, "no ok reply for \(String(describing: expectation.okReply?.key))")
        check(expectation.invalidReply == nil, "no invalid reply for \(String(describing: expectation.invalidReply))")
        if let sender, var worker = registered[sender] {
            worker.lastHeard = t
            registered[sender] = worker
        }
        checkBookkeeping()
    }

    mutating func register(_ name: String, _ worker: RegisteredWorker) {
        registered[name] = worker
        mustRegisterAgain.remove(name)
    }

    /// A dropped worker forgets what it held (a live one gets DISCONNECT and starts afresh).
    mutating func release(_ worker: RegisteredWorker) {
        for key in worker.holding { heldBy[key] = nil }
    }

    mutating func checkBookkeeping() {
        let counters = broker.counters
        let router = broker.router
        check(counters.requestsReceived == received, "received \(counters.requestsReceived), model \(received)")
        check(counters.requestsFailedInvalid == invalid, "invalid \(counters.requestsFailedInvalid), model \(invalid)")
        check(counters.requestsReplied + counters.requestsFailed == answered.count + invalid, "answered counts differ")
        check(router.inFlightRequestCount + router.queuedRequestCount == pending.count, "open requests differ")
        check(broker.countersAddUp, "received != replied + failed + in flight + queued")
        check(router.workerCount == registered.count, "\(router.workerCount) workers, model \(registered.count)")
        for service in Self.services {
            let peers = Set(router.workers(of: service).map(\.peer.name))
            let model = Set(registered.filter { $0.value.service == service }.keys)
            check(peers == model, "\(service) workers \(peers.sorted()), model \(model.sorted())")
        }
    }
}
