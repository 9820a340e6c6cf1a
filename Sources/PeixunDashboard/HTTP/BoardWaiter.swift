import PeixunCodec

/// Waits (asynchronously, with a deadline) for what the feed thread fills in: a board's first
/// state, a code's organisation.
struct BoardWaiter: Sendable {
    let hub: DashboardHub
    var deadline: Duration = .seconds(10)
    var pollInterval: Duration = .milliseconds(50)

    func state(of code: String) async throws(DashboardHTTPError) -> DashboardState {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            let board = hub.board(code)
            if let state = board.state { return state }
            if case .refused(let refusal, let message) = board.failure {
                throw refusal == "organisation.unknown" ? .notFound(message) : .unavailable("\(refusal): \(message)")
            }
            guard clock.now < end else { throw .unavailable("reporting has not answered for \(code) yet") }
            try? await Task.sleep(for: pollInterval)
        }
    }

    func resolution(of code: String) async throws(DashboardHTTPError) -> DashboardHub.Resolution {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            if let known = hub.resolution(code) { return known }
            guard clock.now < end else { throw .unavailable("reporting has not answered for \(code) yet") }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
