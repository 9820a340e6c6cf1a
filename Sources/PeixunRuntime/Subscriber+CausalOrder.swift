import Logging
import PeixunMessages
import PeixunStore
import PeixunTransport

extension SubscriberState {
    /// Whether `event` may be applied now: every followed stream its causal stamp names is
    /// applied through the stamped position.
    ///
    /// A stream behind its stamp is replayed up to it first (what is pending is committed
    /// before, to keep the order). Usually nothing is behind: the stamping partition learned the
    /// position from the same broker, which forwarded those events to us first; a follower that
    /// dropped them, or is catching up stream by stream, needs the replay. False when the replay
    /// could not get there (its owner is down): the event waits for its stream's next gap or head.
    ///
    /// Stamps never form a cycle (each names what was committed before the stamped event), so the
    /// replays nest at most once per stream; `depth` stops a corrupt stamp from looping.
    mutating func stampMet(_ event: ReceivedEvent, pending: inout [ReceivedEvent], depth: Int) throws -> Bool {
        for position in event.envelope.after {
            guard let cursor = applied[position.stream], cursor < position.sequence else { continue }
            guard depth < subscriber.streams.count else { return false }
            subscriber.counters.update { $0.stampsAwaited += 1 }
            try commit(pending)
            pending = []
            try catchUp(position.stream, through: position.sequence, depth: depth + 1)
            if (applied[position.stream] ?? 0) < position.sequence {
                subscriber.logger.info(
                    "event waits for a stream it was decided on",
                    metadata: [
                        "event": "\(event.envelope.stream.storeKey)#\(event.envelope.sequence)",
                        "after": "\(position.stream.storeKey)#\(position.sequence)",
                    ])
                return false
            }
        }
        return true
    }
}
