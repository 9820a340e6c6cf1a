import Foundation

/// Runs blocking work (a socket loop) on its own thread and lets async code await its end.
///
/// libzmq sockets block in `zmq_poll`; doing that on Swift's cooperative pool would starve other
/// tasks, so each loop gets a thread of its own, and the sockets are created on it.
public enum DedicatedThread {
    public static func run<T: Sendable>(
        name: String, _ body: @escaping @Sendable () throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.start()
        }
    }
}
