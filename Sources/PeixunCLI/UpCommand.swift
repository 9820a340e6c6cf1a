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
/// The processes are the broker, a diagnostic echo worker, the services (enrollment, scoring,
/// reporting, archive) and the dashboard (HTTP on the base port + 10, 5580 by default).
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start Peixun on this machine (loopback, embedded defaults) and keep it running."
    )

    @Option(help: "Folder for the services' data (SQLite files).")
    var data = "./peixun-data"

    @Option(help: "First of three consecutive loopback ports (requests, publishers, subscribers).")
    var basePort = 5570

    @ArgumentParser.Flag(help: "Start, check (with a small training day), and stop again (no waiting for Ctrl-C).")
    var checkOnly = false

    @ArgumentParser.Flag(help: "Also run the small training day check (it writes a few organisations and members).")
    var trainingDay = false

    @Option(help: "Once up, load a demo of this scale through the services (town, county or city; see peixun demo).")
    var demo: String?

    @Option(help: "The demo's seed (the same seed generates the same city).")
    var seed = 1

    @Option(
        name: .customLong("partitions"),
        help: "Split services into partitions, one process each, as service=count (e.g. enrollment=2,scoring=2).")
    var partitions = ""

    @OptionGroup var keys: KeyOptions

    func validate() throws {
        _ = try PartitionOptions.table(partitions)
    }

    func run() async throws {
        LoggingBootstrap.once(level: .info)
        let logger = Logger(label: "peixun.up")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // Everything runs inside the service group, so Ctrl-C at any moment (even during start-up)
        // stops the children before `up` exits.
        let up = UpService(
            data: data, basePort: basePort, checkOnly: checkOnly, trainingDay: checkOnly || trainingDay,
            demo: demo.map { ["demo", "--scale", $0, "--seed", "\(seed)"] }, partitionSpec: partitions, partitionCounts: try PartitionOptions.table(partitions),
            keysFolder: keys.keys, keyArguments: keys.arguments, curve: try keys.curve(), logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: up, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

private struct UpService: Service {
    /// The service processes, in start order (each follows the events of those before it).
    static let services = ["enrollment", "scoring", "reporting", "archive"]

    let data: String
    let basePort: Int
    let checkOnly: Bool
    let trainingDay: Bool
    /// `peixun demo …` arguments (without the broker), when a demo is to be loaded.
    let demo: [String]?
    /// How services are split (`--partitions`' text, and parsed): a child per partition, and
    /// every service told.
    let partitionSpec: String
    let partitionCounts: [String: Int]
    /// `--keys DIR`, for the broker (its own pair and the allow-list).
    let keysFolder: String?
    /// `--keys DIR --key-name NAME`, for every other child.
    let keyArguments: [String]
    let curve: ZMQCurveClientKeys?
    let logger: Logger

    func run() async throws {
        let requests = "tcp://127.0.0.1:\(basePort)"
        let publishers = "tcp://127.0.0.1:\(basePort + 1)"
        let subscribers = "tcp://127.0.0.1:\(basePort + 2)"
        let broker = ChildProcess(
            name: "broker",
            arguments: ["broker", "--requests", requests, "--publishers", publishers, "--subscribers", subscribers]
                + (keysFolder.map { ["--keys", $0] } ?? []),
            readyPrefix: "peixun broker ready", logger: logger)
        let echo = ChildProcess(
            name: "echo-worker", arguments: ["echo-worker", "--broker", requests, "--name", "echo-1"] + keyArguments,
            readyPrefix: "peixun echo-worker ready", logger: logger)
        let split = partitionSpec.isEmpty ? [] : ["--partitions", partitionSpec]
        let services = Self.services.flatMap { service in
            // A split service runs a process per partition ("scoring-1" owns partition 1).
            let count = partitionCounts[service] ?? 1
            let instances: [(name: String, own: [String])] =
                count > 1 ? (0..<count).map { ("\(service)-\($0)", ["--own", "\($0)"]) } : [(service, [])]
            return instances.map { instance in
                ChildProcess(
                    name: instance.name,
                    arguments: [
                        service, "--broker", requests, "--publishers", publishers, "--subscribers", subscribers, "--data", data,
                    ] + split + instance.own + keyArguments,
                    readyPrefix: "peixun \(service) ready", logger: logger)
            }
        }
        // The wall screen, after the services (it starts each board from reporting's snapshot).
        let dashboardURL = "http://127.0.0.1:\(basePort + 10)"
        let dashboard = ChildProcess(
            name: "dashboard",
            arguments: [
                "dashboard", "--broker", requests, "--subscribers", subscribers, "--http", "127.0.0.1:\(basePort + 10)",
                "--data", data,
            ] + keyArguments,
            readyPrefix: "peixun dashboard ready", logger: logger)
        let children = [broker, echo] + services + [dashboard]
        do {
            try await cancelWhenGracefulShutdown {
                try broker.start()
                _ = try await broker.waitUntilReady()
                try echo.start()
                _ = try await echo.waitUntilReady()
                for service in services {
                    try service.start()
                    _ = try await service.waitUntilReady()
                }
                try dashboard.start()
                _ = try await dashboard.waitUntilReady()
                StandardOutput.line("""
                    Peixun is up (data in \(data)):
                      broker    requests    \(requests)
                                publishers  \(publishers)
                                subscribers \(subscribers)
                      echo-worker  service "echo"
                    """ + Self.services.map { service in
                        let count = partitionCounts[service] ?? 1
                        let stores = count > 1 ? "\(count) partitions, stores \(data)/\(service)-<p>.sqlite" : "store \(data)/\(service).sqlite"
                        return "\n  \(service.padding(toLength: 12, withPad: " ", startingAt: 0)) service \"\(service)\", \(stores)"
                    }.joined()
                    + "\n  dashboard    \(dashboardURL)/?token=TOKEN  (make one: peixun token --org CODE --data \(data))")
                try await SelfCheck(requests: requests, publishers: publishers, subscribers: subscribers, curve: curve).run()
                if trainingDay {
                    try await TrainingDayCheck(requests: requests, curve: curve, enrollmentPartitions: partitionCounts["enrollment"] ?? 1).run()
                }
                if let demo {
                    let status = try await OneShotChild(name: "demo", arguments: demo + ["--broker", requests] + split + keyArguments).run()
                    // With --check-only a failed demo fails `up`; otherwise the services stay up
                    // for the user to look into it (`peixun status`, `peixun report …`).
                    if status != 0 {
                        if checkOnly { throw CLIError("the demo failed (exit status \(status))") }
                        logger.error("the demo failed (exit status \(status)); the services keep running")
                    }
                }
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

