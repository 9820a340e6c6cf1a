import PeixunCodec

/// Waits (asynchronously, with a deadline) for what the feed thread fills in: a board's first
/// state, a code's organisation.
struct BoardWaiter: Sendable {
    let hub: DashboardHub
    var deadline: Duration = .seconds(10)
    var pollInterval: Duration = .milliseconds(50)

    func state(of code: String) async throws(DashboardHTTPError) -> DashboardState {
        try await poll(code) { () throws(DashboardHTTPError) in
            let board = hub.board(code)
            if let state = board.state { return state }
            if case .refused(let refusal, let message) = board.failure {
                throw refusal == "organisation.unknown" ? .notFound(message) : .unavailable("\(refusal): \(message)")
            }
            return nil
        }
    }

    func resolution(of code: String) async throws(DashboardHTTPError) -> DashboardHub.Resolution {
        try await poll(code) { () throws(DashboardHTTPError) in hub.resolution(code) }
    }

    /// `found` every `pollInterval` until it has an answer (or a refusal), `unavailable` at the deadline.
    private func poll<T>(
        _ code: String, _ found: () throws(DashboardHTTPError) -> T?
    ) async throws(DashboardHTTPError) -> T {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            if let value = try found() { return value }
            guard clock.now < end else { throw .unavailable("reporting has not answered for \(code) yet") }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
