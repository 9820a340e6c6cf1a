import ArgumentParser
import Foundation
import Logging
import PeixunCodec
import PeixunMessages
import PeixunTransport
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `peixun up`: starts every Peixun process as a child on loopback, checks that requests and
/// events flow, and keeps them running (restarting any that dies) until Ctrl-C or SIGTERM.
///
/// Today the processes are the broker, a diagnostic echo worker and the enrollment service; the
/// other services join as they are built.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start Peixun on this machine (loopback, embedded defaults) and keep it running."
    )

    @Option(help: "Folder for the services' data (SQLite files).")
    var data = "./peixun-data"

    @Option(help: "First of three consecutive loopback ports (requests, publishers, subscribers).")
    var basePort = 5570

    @ArgumentParser.Flag(help: "Start, check, and stop again (no waiting for Ctrl-C).")
    var checkOnly = false

    func run() async throws {
        LoggingBootstrap.once(level: .info)
        let logger = Logger(label: "peixun.up")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // Everything runs inside the service group, so Ctrl-C at any moment (even during start-up)
        // stops the children before `up` exits.
        let up = UpService(data: data, basePort: basePort, checkOnly: checkOnly, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: up, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

private struct UpService: Service {
    let data: String
    let basePort: Int
    let checkOnly: Bool
    let logger: Logger

    func run() async throws {
        let requests = "tcp://127.0.0.1:\(basePort)"
        let publishers = "tcp://127.0.0.1:\(basePort + 1)"
        let subscribers = "tcp://127.0.0.1:\(basePort + 2)"
        let broker = ChildProcess(
            name: "broker",
            arguments: ["broker", "--requests", requests, "--publishers", publishers, "--subscribers", subscribers],
            readyPrefix: "peixun broker ready", logger: logger)
        let echo = ChildProcess(
            name: "echo-worker", arguments: ["echo-worker", "--broker", requests, "--name", "echo-1"],
            readyPrefix: "peixun echo-worker ready", logger: logger)
        let enrollment = ChildProcess(
            name: "enrollment",
            arguments: ["enrollment", "--broker", requests, "--publishers", publishers, "--data", data],
            readyPrefix: "peixun enrollment ready", logger: logger)
        let children = [broker, echo, enrollment]
        do {
            try await cancelWhenGracefulShutdown {
                try broker.start()
                _ = try await broker.waitUntilReady()
                try echo.start()
                _ = try await echo.waitUntilReady()
                try enrollment.start()
                _ = try await enrollment.waitUntilReady()
                StandardOutput.line("""
                    Peixun is up (data in \(data)):
                      broker    requests    \(requests)
                                publishers  \(publishers)
                                subscribers \(subscribers)
                      echo-worker  service "echo"
                      enrollment   service "enrollment", store \(data)/enrollment.sqlite
                    """)
                try await SelfCheck(requests: requests, publishers: publishers, subscribers: subscribers).run()
                try await TrainingDayCheck(requests: requests).run()
            }
            if !checkOnly {
                StandardOutput.line("Press Ctrl-C to stop.")
                try? await gracefulShutdown()
            }
        } catch {
            for child in children.reversed() { await child.stop() }
            throw error
        }
        for child in children.reversed() { await child.stop() }
        StandardOutput.line("Peixun stopped.")
    }
}

