import Synchronization

/// A value written by one thread (a socket loop) and read by others (status, metrics, tests).
/// Loops write a whole snapshot once per wake-up, so the lock is cheap and never per message.
public final class SharedValue<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    public init(_ value: Value) { state = Mutex(value) }

    public var value: Value { state.withLock { $0 } }

    func update(_ body: (inout Value) -> Void) { state.withLock { body(&$0) } }
}
