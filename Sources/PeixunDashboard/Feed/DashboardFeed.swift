import Foundation
public import Logging
import PeixunCalendar
public import PeixunCodec
import PeixunMessages
import PeixunRuntime
public import ZeroMQ

/// Keeps every board of the hub up to date from the bus, on a thread of its own (the sockets
/// block): subscribes to "enrollment." and "scoring." first, then asks reporting for snapshots
/// (`ShowDashboard`) as boards are wanted or go stale, and applies every event to every board
/// by sequence (`DashboardState`). The snapshot and event rules are docs/reporting.md's.
public struct DashboardFeed: Sendable {
    public let hub: DashboardHub
    /// The broker's subscriber endpoint (XPUB) and request endpoint (for `reporting.query`).
    public let subscribers: String
    public let requests: String
    let logger: Logger
    /// The shortest time between two snapshots of one board ("at most about once a second").
    public var snapshotInterval: Duration = .seconds(1)
    /// How long a refused or unanswered board waits before it is asked again.
    public var retryInterval: Duration = .seconds(1)
    /// Events kept to bring a lagging snapshot forward.
    public var bufferLimit = 20_000
    /// Now, for the day of the snapshots (China time).
    public var now: @Sendable () -> WireTimestamp = { .now }
    /// CURVE keys for the broker connections (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?

    public init(hub: DashboardHub, subscribers: String, requests: String, logger: Logger) {
        self.hub = hub
        self.subscribers = subscribers
        self.requests = requests
        self.logger = logger
    }

    /// Follows the bus until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext) throws {
        let socket = try context.socket(.sub)
        try socket.set(.receiveHighWaterMark, Subscriber.defaultReceiveHighWaterMark)
        try socket.connect(subscribers, curve: curve)
        for prefix in ["enrollment.", "scoring."] { try socket.subscribe(prefix) }
        var loop = FeedLoop(feed: self, queries: try QueryClient(context: context, broker: requests, curve: curve))
        do {
            try loop.follow(socket)
        } catch let error as ZMQError where error.isTerminated {
            return
        }
    }

    /// Today in China time, `YYYY-MM-DD`.
    func today() -> String { ChinaCalendar.day(now()) }
}

/// The feed thread's own state: the query client, the recent events, the last stream heads.
struct FeedLoop {
    let feed: DashboardFeed
    let queries: QueryClient
    var buffer: EventBuffer
    /// The head each stream announced last: a board still behind it one beacon later lost events.
    var heads: [StreamID: UInt64] = [:]

    init(feed: DashboardFeed, queries: QueryClient) {
        self.feed = feed
        self.queries = queries
        buffer = EventBuffer(limit: feed.bufferLimit)
    }

    /// Takes what the socket has, then asks the snapshots that are due; until the context ends.
    mutating func follow(_ socket: ZMQSocket) throws {
        let frames = ZMQFrames(capacity: 4)
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        while true {
            if try poller.poll(timeoutMilliseconds: 100) > 0, poller.isReadable(index) {
                while try socket.receiveMultipart(into: frames, dontWait: true) { received(frames) }
            }
            refresh()
        }
    }

    mutating func received(_ frames: ZMQFrames) {
        switch BusMessage(frames) {
        case .event(let event):
            let live = LiveEvent(envelope: event.envelope, payload: event.payload)
            buffer.append(live)
            feed.hub.applyToAll(live)
        case .head(let head):
            sawHead(head)
        case nil:
            break
        }
    }

    /// A board that has not reached the previous head by the next beacon lost events on the way.
    mutating func sawHead(_ head: StreamHead) {
        if let previous = heads[head.stream] { feed.hub.markBehind(head.stream, previous) }
        heads[head.stream] = head.headSequence
    }

    /// Asks the snapshots that are due, and the lookups the scope checks are waiting for.
    mutating func refresh() {
        let today = feed.today()
        let clock = ContinuousClock.now
        let feed = self.feed
        let due = feed.hub.due { Self.isDue($0, feed: feed, today: today, at: clock) }
        for code in due.sorted() { snapshot(code, day: today) }
        for code in feed.hub.pendingLookups() { lookUp(code, day: today) }
    }

    static func isDue(_ board: DashboardHub.Board, feed: DashboardFeed, today: String, at clock: ContinuousClock.Instant) -> Bool {
        guard let asked = board.lastAsked else { return true }
        guard let state = board.state else { return clock - asked >= feed.retryInterval }
        if state.view.day != today { return true }
        return state.wantsSnapshot && clock - asked >= feed.snapshotInterval
    }

    /// Asks `ShowDashboard` for one board, then re-applies the buffer on top of the answer.
    mutating func snapshot(_ code: String, day: String) {
        feed.hub.asking(code)
        let answer = ask(code, day: day)
        feed.hub.answered(code, answer, replaying: buffer.events)
    }

    func lookUp(_ code: String, day: String) {
        switch ask(code, day: day) {
        case .success(let view): feed.hub.resolved(code, .organisation(view.organisation))
        case .failure(.refused): feed.hub.resolved(code, .unknown)
        case .failure(.unavailable): break  // asked again at the next turn
        }
    }

    func ask(_ code: String, day: String) -> Result<DashboardView, DashboardHub.Failure> {
        do {
            let reply = try queries.ask(
                ShowDashboard(organisationCode: code, day: day), service: "reporting", timeout: .seconds(2), attempts: 2)
            guard reply.status == .accepted else { return .failure(.refused(code: reply.code, message: reply.message)) }
            return .success(try DashboardView(decoding: reply.result))
        } catch {
            feed.logger.warning("no dashboard snapshot", metadata: ["organisation": "\(code)", "error": "\(error)"])
            return .failure(.unavailable("\(error)"))
        }
    }
}
