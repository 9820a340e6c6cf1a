import Foundation
import PeixunMessages
import PeixunRuntime
public import ZeroMQ

/// Waits, once the demo has stopped sending, until every follower has applied every event its
/// owners published (`SystemStatus.quiescent`): the moment the run's work is done everywhere,
/// timed apart from the reporting queries that check it.
public struct CatchUp {
    let context: ZMQContext
    let broker: String
    let curve: ZMQCurveClientKeys?

    public init(context: ZMQContext, broker: String, curve: ZMQCurveClientKeys? = nil) {
        self.context = context
        self.broker = broker
        self.curve = curve
    }

    /// Polls every 100 ms; returns how long it took, or throws `DemoError.catchUp` at the deadline
    /// with the last lags seen. A poll that fails (a service restarting) is not caught up yet.
    public func wait(within deadline: Duration, onPoll: (String) -> Void = { _ in }) throws -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        var last = "no answer yet"
        while clock.now < started + deadline {
            do {
                let status = try SystemStatus.gather(broker: broker, curve: curve, context: context)
                if status.quiescent { return clock.now - started }
                last = status.lags.filter { $0.lag != 0 }.map { "\($0.follower) \($0.stream.service)/\($0.stream.partition) \($0.lag.map(String.init) ?? "?")" }
                    .joined(separator: ", ")
                if last.isEmpty { last = "a service did not answer" }
            } catch {
                last = "\(error)"
            }
            onPoll("behind: \(last)")
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw DemoError.catchUp(seconds: Int(deadline.components.seconds), behind: last)
    }
}
