import PeixunBroker

typealias Router = RequestRouter<String>
typealias Action = Router.Action

extension PeerID {
    /// A readable routing id for tests: "w1", "client-a".
    init(_ name: String) {
        self.init(Array(name.utf8))
    }

    var name: String { String(decoding: bytes, as: UTF8.self) }
}

extension RequestID {
    /// A request id from a small number, for tests.
    init(_ number: Int) {
        self.init(high: 0x5045_4958_554e_0000, low: UInt64(number))
    }

    var number: Int { Int(low) }
}

/// A REQUEST the broker sent to a worker, in test terms.
struct SentRequest: Hashable, CustomStringConvertible {
    var worker: String
    var client: String
    var id: Int
    var body: String

    var description: String { "\(client)#\(id)→\(worker)" }
}

/// A REPLY the broker sent to a client, in test terms.
struct SentReply: Hashable, CustomStringConvertible {
    var client: String
    var id: Int
    var status: ReplyStatus
    var body: String?

    var description: String { "\(client)#\(id) \(status)" }
}

extension [Action] {
    var requests: [SentRequest] {
        compactMap {
            if case .sendRequest(let worker, let id, let client, _, let body) = $0 {
                SentRequest(worker: worker.name, client: client.name, id: id.number, body: body)
            } else {
                nil
            }
        }
    }

    var replies: [SentReply] {
        compactMap {
            if case .sendReply(let client, let id, let status, _, let body) = $0 {
                SentReply(client: client.name, id: id.number, status: status, body: body)
            } else {
                nil
            }
        }
    }

    var heartbeats: [String] {
        compactMap {
            if case .sendHeartbeat(let peer) = $0 { peer.name } else { nil }
        }
    }

    var disconnects: [String] {
        compactMap {
            if case .sendDisconnect(let peer, _) = $0 { peer.name } else { nil }
        }
    }
}

/// A broker's router with a clock in milliseconds, so tests read like a timeline.
/// Defaults: heartbeat every second, liveness 3 (a worker silent 3 s is dropped), 60 s max timeout.
struct Broker {
    var router: Router
    /// Milliseconds since the router started.
    var clock: UInt64 = 0

    init(heartbeatMilliseconds: Int64 = 1_000, liveness: Int = 3, maxTimeout: Duration = .seconds(60)) {
        router = Router(
            configuration: RouterConfiguration(
                heartbeatInterval: .milliseconds(heartbeatMilliseconds),
                liveness: liveness,
                maxRequestTimeout: maxTimeout
            )
        )
    }

    var now: RouterInstant { RouterInstant(nanoseconds: clock * 1_000_000) }

    static func instant(ms: UInt64) -> RouterInstant { RouterInstant(nanoseconds: ms * 1_000_000) }

    var counters: RouterCounters { router.counters }

    /// Moves the clock to `ms` and ticks.
    mutating func tick(at ms: UInt64) -> [Action] {
        clock = ms
        return router.tick(now: now)
    }

    /// Moves the clock on by `ms` and ticks.
    mutating func wait(_ ms: UInt64) -> [Action] {
        tick(at: clock + ms)
    }

    mutating func ready(_ worker: String, _ service: String = "echo", credit: Int = 1) -> [Action] {
        router.workerReady(from: PeerID(worker), service: service, credit: credit, now: now)
    }

    mutating func heartbeat(_ worker: String) -> [Action] {
        router.workerHeartbeat(from: PeerID(worker), now: now)
    }

    mutating func disconnect(_ worker: String) -> [Action] {
        router.workerDisconnect(from: PeerID(worker), now: now)
    }

    mutating func request(
        _ client: String,
        _ id: Int,
        service: String = "echo",
        timeout: Duration = .seconds(10),
        body: String = ""
    ) -> [Action] {
        router.clientRequest(
            from: PeerID(client), service: service, requestID: RequestID(id), timeout: timeout, body: body, now: now
        )
    }

    mutating func reply(_ worker: String, to client: String, _ id: Int, body: String = "done") -> [Action] {
        router.workerReply(from: PeerID(worker), requestID: RequestID(id), client: PeerID(client), body: body, now: now)
    }

    /// The received == replied + failed + in flight + queued bookkeeping.
    var countersAddUp: Bool {
        let c = router.counters
        return c.requestsReceived
            == c.requestsReplied + c.requestsFailed + router.inFlightRequestCount + router.queuedRequestCount
    }
}
