import Foundation
import Synchronization

/// A `peixun` subcommand running as a real child process, with its standard output captured so a
/// test can wait for the line that says it is ready.
final class PeixunProcess: Sendable {
    let process: Process
    private let output = LockedText()
    private let errors = LockedText()

    /// Starts `<executable> <arguments>` (an executable built by this package).
    convenience init(_ arguments: [String], executable: String = "peixun") throws {
        try self.init(arguments, executableURL: try Self.binary(executable))
    }

    /// Starts any executable (a browser, say) the same way.
    init(_ arguments: [String], executableURL: URL) throws {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        self.process = process
        output.follow(stdout.fileHandleForReading)
        errors.follow(stderr.fileHandleForReading)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var standardOutput: String { output.text }
    var standardError: String { errors.text }

    /// Waits until a line of standard output starts with `prefix`, and returns it.
    @discardableResult
    func waitForLine(startingWith prefix: String, within timeout: Duration = .seconds(30)) async throws -> String {
        try await eventually(within: timeout, "\(process.arguments ?? []) to print '\(prefix)'; stderr: \(standardError)") {
            self.standardOutput.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        }
    }

    /// Sends `signal` and waits for the process to exit; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, within timeout: Duration = .seconds(15)) async throws -> Int32 {
        let pid = process.processIdentifier
        kill(pid, signal)
        do {
            try await eventually(within: timeout, "\(process.arguments ?? []) to exit after signal \(signal)") {
                self.process.isRunning ? nil : true
            }
        } catch {
            // Say where it is stuck (each thread's state, wait channel and pending signals), so a
            // rare hang under load can be told apart: a signal never taken, or a shutdown that stalls.
            let threads = ProcStat.threadReport(pid)
            kill(pid, SIGKILL)
            throw IntegrationError("\(error)\nthreads of \(pid):\n\(threads)\nstderr (last 2,000 characters): \(standardError.suffix(2_000))")
        }
        return process.terminationStatus
    }

    /// Waits for the process to end by itself; returns its exit status.
    func waitForExit(within timeout: Duration = .seconds(60)) async throws -> Int32 {
        try await eventually(within: timeout, "\(process.arguments ?? []) to finish; stderr: \(standardError)") {
            self.process.isRunning ? nil : true
        }
        // The pipes may deliver the last output just after the exit: wait for their end (a
        // grandchild still holding them may keep them open; then what has arrived is kept).
        _ = try? await eventually(within: .seconds(5), "the output of \(process.arguments ?? []) to end") {
            output.ended && errors.ended ? true : nil
        }
        return process.terminationStatus
    }

    /// A built executable of this package: beside the test bundle in SwiftPM's build folder.
    static func binary(_ name: String) throws -> URL {
        if name == "peixun", let path = ProcessInfo.processInfo.environment["PEIXUN_BIN"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw IntegrationError("the \(name) executable was not found beside \(Bundle.main.bundleURL.path); run `swift build --build-tests` first or set PEIXUN_BIN")
    }
}

struct IntegrationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 20 ms until it returns a value, or fails after `timeout`.
@discardableResult
func eventually<T>(
    within timeout: Duration, _ what: @autoclosure () -> String, _ condition: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if let value = try await condition() { return value }
        guard clock.now < deadline else { throw IntegrationError("timed out after \(timeout) waiting for \(what())") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Text appended by a pipe's reader thread and read by the test.
final class LockedText: Sendable {
    private let state = Mutex((bytes: Data(), ended: false))
    /// Decoded as a whole, so a character split between two reads stays whole.
    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }
    /// The pipe has reached its end (an empty read).
    var ended: Bool { state.withLock { $0.ended } }
    /// Reads `handle` to its end on a thread of its own, in order. (A `readabilityHandler` on
    /// Linux can run on several threads at once and interleave chunks of a long output.)
    func follow(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                append(data)
                if data.isEmpty { return }
            }
        }
    }

    func append(_ data: Data) {
        state.withLock { state in
            if data.isEmpty { state.ended = true } else { state.bytes.append(data) }
        }
    }
}
