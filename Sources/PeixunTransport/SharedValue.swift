import Synchronization

/// A value written by one thread (a socket loop) and read by others (status, metrics, tests):
/// the broker's counters, a subscriber's, a command worker's. Writers update it once per wake-up
/// or batch, so the lock is cheap and never taken per message. Only code of this package writes.
public final class SharedValue<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    public init(_ value: Value) { state = Mutex(value) }

    public var value: Value { state.withLock { $0 } }

    package func update(_ body: (inout Value) -> Void) { state.withLock { body(&$0) } }
}
