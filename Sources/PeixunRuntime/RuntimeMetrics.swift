public import CoreMetrics

/// Where the runtime's metrics go: the process's `MetricsSystem` (bootstrapped by the executable,
/// e.g. for Prometheus) by default, a test factory in tests.
///
/// Names (all with a `stream` dimension, `service/partition`):
/// - `peixun_events_published_total`: events sent by an outbox publisher;
/// - `peixun_replays_served_total`: replay requests answered by a replay worker;
/// - `peixun_events_applied_total`: events applied by a subscriber (live or replayed);
/// - `peixun_replays_asked_total`: replay requests sent by a subscriber;
/// - `peixun_gaps_repaired_total`: losses a subscriber found and repaired;
/// - `peixun_subscriber_lag`: the last head a subscriber saw minus what it has applied.
public struct RuntimeMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    func counter(_ label: String, stream: String) -> Counter {
        Counter(label: label, dimensions: [("stream", stream)], factory: factory)
    }

    func gauge(_ label: String, stream: String) -> Gauge {
        Gauge(label: label, dimensions: [("stream", stream)], factory: factory)
    }
}

/// A subscriber's metrics for one stream.
struct StreamMetrics {
    let applied: Counter
    let replaysAsked: Counter
    let gapsRepaired: Counter
    let lag: Gauge

    init(_ metrics: RuntimeMetrics, stream: String) {
        applied = metrics.counter("peixun_events_applied_total", stream: stream)
        replaysAsked = metrics.counter("peixun_replays_asked_total", stream: stream)
        gapsRepaired = metrics.counter("peixun_gaps_repaired_total", stream: stream)
        lag = metrics.gauge("peixun_subscriber_lag", stream: stream)
    }
}
