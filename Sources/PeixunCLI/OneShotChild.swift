import Foundation

/// A child of `peixun up` that runs to its end (`peixun demo`), its output passed through as it
/// comes. Unlike `ChildProcess` it is not restarted: its exit status is the answer.
struct OneShotChild {
    let name: String
    let arguments: [String]

    /// Runs the child to its end and returns its exit status; cancelling the task stops the
    /// child (SIGTERM) and waits for it.
    func run() async throws -> Int32 {
        let process = Process()
        process.executableURL = ChildProcess.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        try process.run()
        // Process has no async wait; polling `isRunning` every 50 ms is invisible next to a demo.
        await withTaskCancellationHandler {
            while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        } onCancel: {
            process.terminate()
        }
        return process.terminationStatus
    }
}
