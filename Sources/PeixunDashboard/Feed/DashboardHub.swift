public import PeixunCodec
public import PeixunMessages
import Synchronization

/// What the HTTP side and the feed thread share: one board per organisation code asked for, and
/// the organisation ids of codes looked up for scope checks. The feed thread fills them; request
/// handlers register what they want and read what is there.
public final class DashboardHub: Sendable {
    /// Why an organisation has no state.
    public enum Failure: Error, Sendable, Equatable {
        /// Reporting refused: `organisation.unknown` and the like.
        case refused(code: String, message: String)
        /// Reporting did not answer (not started, or restarting).
        case unavailable(String)
    }

    /// One organisation's board as the feed keeps it.
    public struct Board: Sendable {
        public var state: DashboardState?
        public var failure: Failure?
        /// When the feed last asked `ShowDashboard` for it (monotonic), for the ~1/s limit.
        public var lastAsked: ContinuousClock.Instant?
    }

    /// A code looked up only to check scope: its organisation, or unknown.
    public enum Resolution: Sendable, Equatable {
        case organisation(WireUUID)
        case unknown
    }

    let boards = Mutex<[String: Board]>([:])
    let resolutions = Mutex<[String: Resolution]>([:])
    let lookups = Mutex<Set<String>>([])

    public init() {}

    // MARK: Request handlers

    /// Registers `code` (the feed asks for its snapshot at once) and returns its board.
    public func board(_ code: String) -> Board {
        boards.withLock { boards in
            if let board = boards[code] { return board }
            boards[code] = Board()
            return Board()
        }
    }

    /// Asks the feed to look up `code` (if not known yet) and returns what is known.
    public func resolution(_ code: String) -> Resolution? {
        if let known = resolutions.withLock({ $0[code] }) { return known }
        if let board = boards.withLock({ $0[code] }), let view = board.state?.view { return .organisation(view.organisation) }
        lookups.withLock { _ = $0.insert(code) }
        return nil
    }

    // MARK: The feed thread

    /// Every board counts the event (or drops it, by sequence).
    func applyToAll(_ event: LiveEvent) {
        boards.withLock { boards in
            for code in boards.keys { _ = boards[code]?.state?.apply(event) }
        }
    }

    /// Boards behind `sequence` of `stream` (a head announced a beacon ago) lost events.
    func markBehind(_ stream: StreamID, _ sequence: UInt64) {
        boards.withLock { boards in
            for code in boards.keys where (boards[code]?.state?.applied[stream] ?? .max) < sequence {
                boards[code]?.state?.markStale()
            }
        }
    }

    func due(_ isDue: (Board) -> Bool) -> [String] {
        boards.withLock { boards in boards.filter { isDue($0.value) }.map(\.key) }
    }

    func asking(_ code: String) {
        boards.withLock { boards in
            boards[code]?.lastAsked = .now
            boards[code]?.state?.snapshotAsked()
        }
    }

    /// A snapshot arrived: the buffered events are applied on top (those it already counts are
    /// dropped by sequence) and it replaces the board's state.
    func answered(_ code: String, _ answer: Result<DashboardView, Failure>, replaying events: [LiveEvent]) {
        boards.withLock { boards in
            switch answer {
            case .success(let view):
                var fresh = DashboardState(view: view)
                for event in events { _ = fresh.apply(event) }
                if let previous = boards[code]?.state { fresh.settle(after: previous) }
                boards[code]?.state = fresh
                boards[code]?.failure = nil
            case .failure(let failure):
                boards[code]?.failure = failure
            }
        }
    }

    func pendingLookups() -> [String] {
        lookups.withLock { Array($0) }
    }

    func resolved(_ code: String, _ resolution: Resolution) {
        resolutions.withLock { $0[code] = resolution }
        lookups.withLock { _ = $0.remove(code) }
    }
}
