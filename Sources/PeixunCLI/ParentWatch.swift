import Foundation

/// Children of `peixun up` stop when `up` is gone, even if it was killed without a chance to stop
/// them: `up` passes its pid in `PEIXUN_PARENT_PID`, and the child raises SIGTERM on itself (a
/// graceful stop) once its parent changes. Polling once a second costs nothing measurable.
enum ParentWatch {
    static let environmentKey = "PEIXUN_PARENT_PID"

    static func startIfSupervised() {
        guard let text = ProcessInfo.processInfo.environment[environmentKey], let parent = Int32(text) else { return }
        // The variable is inherited by every descendant; only the direct child of `up` acts on it.
        // (If `up` is already gone, this process has been reparented and stops at once below.)
        guard getppid() == parent || getppid() == 1 else { return }
        let thread = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
            kill(getpid(), SIGTERM)
        }
        thread.name = "peixun-parent-watch"
        thread.start()
    }
}
