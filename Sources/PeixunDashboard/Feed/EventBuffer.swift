/// The most recent events of the bus, kept so that a snapshot that arrives behind them (the
/// reporting service lags a little behind the bus) can be brought forward by re-applying them:
/// the "buffer what arrives" of docs/reporting.md. Anything older than the buffer is found
/// missing as a gap, and asked again.
struct EventBuffer {
    let limit: Int
    private(set) var events: [LiveEvent] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ event: LiveEvent) {
        events.append(event)
        // Trim in halves, not one by one: amortised O(1).
        if events.count >= limit * 2 { events.removeFirst(events.count - limit) }
    }
}
