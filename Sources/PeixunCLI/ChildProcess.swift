import Foundation
import Logging
import Synchronization

/// A child process of `peixun up`: started from this same executable with a subcommand, its
/// standard output watched for the line that says it is ready, its standard error passed through,
/// restarted with backoff if it dies while it should be running.
final class ChildProcess: Sendable {
    let name: String
    let arguments: [String]
    let readyPrefix: String
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var process: Process?
        var readyLine: String?
        var stopping = false
        var restarts = 0
    }

    init(name: String, arguments: [String], readyPrefix: String, logger: Logger) {
        self.name = name
        self.arguments = arguments
        self.readyPrefix = readyPrefix
        self.logger = logger
    }

    /// This same `peixun` executable, which every child runs with a subcommand.
    static var executable: URL? {
        let invoked = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return FileManager.default.isExecutableFile(atPath: invoked.path) ? invoked : Bundle.main.executableURL
    }

    /// Starts the process (and restarts it whenever it exits until `stop()`).
    func start() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[ParentWatch.environmentKey] = "\(getpid())"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        let buffer = LineBuffer()
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            for line in buffer.append(handle.availableData) { self?.saw(line) }
        }
        process.terminationHandler = { [weak self] finished in self?.exited(finished) }
        try process.run()
        state.withLock { $0.process = process }
    }

    /// The ready line, once printed by the current run of the process.
    var readyLine: String? { state.withLock { $0.readyLine } }

    /// Waits for the ready line (deadline `timeout`).
    func waitUntilReady(within timeout: Duration = .seconds(60)) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let line = readyLine { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CLIError("\(name) did not report ready within \(timeout)")
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`.
    func stop(grace: Duration = .seconds(10)) async {
        let process = state.withLock { state -> Process? in
            state.stopping = true
            return state.process
        }
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while process.isRunning && clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            logger.warning("\(name) did not stop within \(grace); killing it")
            kill(process.processIdentifier, SIGKILL)
        }
    }

    var processIdentifier: Int32? { state.withLock { $0.process?.processIdentifier } }

    private func saw(_ line: String) {
        if line.hasPrefix(readyPrefix) { state.withLock { $0.readyLine = line } }
    }

    private func exited(_ process: Process) {
        let restart = state.withLock { state -> Int? in
            guard !state.stopping else { return nil }
            state.readyLine = nil
            state.restarts += 1
            return state.restarts
        }
        guard let restart else { return }
        // 0.5 s, 1 s, 2 s … capped at 30 s: a child that keeps crashing does not spin.
        let backoff = min(30.0, 0.25 * pow(2.0, Double(min(restart, 8))))
        logger.error("\(name) exited (status \(process.terminationStatus)); restart \(restart) in \(backoff) s")
        DispatchQueue.global().asyncAfter(deadline: .now() + backoff) { [self] in
            guard !state.withLock({ $0.stopping }) else { return }
            do { try start() } catch { logger.error("\(name) could not be restarted: \(error)") }
        }
    }
}

/// Splits a byte stream into lines.
private final class LineBuffer: Sendable {
    private let pending = Mutex(Data())

    func append(_ data: Data) -> [String] {
        pending.withLock { pending in
            pending.append(data)
            var lines: [String] = []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
            return lines
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
