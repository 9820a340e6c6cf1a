import ArgumentParser
import Foundation
import Logging
import PeixunEnrollment
import PeixunRuntime
import PeixunStore
import ServiceLifecycle
import UnixSignals

/// `peixun enrollment`: the enrollment service process. Owns `<data>/enrollment.sqlite`, serves
/// the "enrollment" commands and the "enrollment.query" queries through the broker, publishes the
/// enrollment events, answers replays.
struct EnrollmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrollment",
        abstract: "Run the enrollment service (organisations, members, catalogue, plans, classes, enrollment, attendance).",
        discussion: "Prints `peixun enrollment ready store=<file>` on standard output once its store is open."
    )

    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @Option(help: "The broker's publisher endpoint.")
    var publishers = "tcp://127.0.0.1:5571"

    @Option(help: "Folder of the service's SQLite file.")
    var data = "./peixun-data"

    @Option(help: "Heartbeat interval to the broker, in milliseconds (must match the broker's).")
    var heartbeatMilliseconds = 1000

    @Option(help: "Minutes before a lesson starts and after it ends during which check-ins are still taken.")
    var checkInGraceMinutes: Int64 = 15

    @Option(help: "Seconds per check-in code window (a code is accepted for one to two windows).")
    var checkInCodeSeconds: Int64 = 30

    func validate() throws {
        guard (0...24 * 60).contains(checkInGraceMinutes) else {
            throw ValidationError("--check-in-grace-minutes must be 0…1440, not \(checkInGraceMinutes)")
        }
        guard (5...3600).contains(checkInCodeSeconds) else {
            throw ValidationError("--check-in-code-seconds must be 5…3600, not \(checkInCodeSeconds)")
        }
    }

    func run() async throws {
        LoggingBootstrap.once(level: .info)
        ParentWatch.startIfSupervised()
        let logger = Logger(label: "peixun.enrollment")
        let path = URL(fileURLWithPath: data).appendingPathComponent("enrollment.sqlite").path
        let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: EnrollmentStore.migrations)
        let signal = OutboxSignal()
        let publisher = OutboxPublisher(
            store: store, endpoint: publishers, signal: signal, streams: [EnrollmentStore.stream], logger: logger)
        let replay = ReplayWorker(store: store, service: "enrollment", broker: broker, logger: logger)
        let settings = EnrollmentSettings(
            checkInGraceSeconds: checkInGraceMinutes * 60, codeWindowSeconds: checkInCodeSeconds)
        let commands = CommandWorker(
            store: store, service: "enrollment", broker: broker, commands: EnrollmentCommands(settings: settings),
            signal: signal, logger: logger)
        // Queries read snapshots on the pool's reader connections, beside the command worker's
        // writes: a long query never holds up a command.
        let queries = QueryWorker(
            store: store, service: "enrollment", broker: broker, queries: EnrollmentQueries(settings: settings), logger: logger)
        let heartbeat = Duration.milliseconds(heartbeatMilliseconds)
        let instance = "enrollment@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        StandardOutput.line("peixun enrollment ready store=\(path)")
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: LoopService(name: "enrollment-publisher") { try publisher.run(context: $0) }),
                    .init(service: LoopService(name: "enrollment-replay") { try replay.run(context: $0, heartbeatInterval: heartbeat) }),
                    .init(service: LoopService(name: "enrollment-commands") {
                        try commands.run(context: $0, heartbeatInterval: heartbeat, instance: instance)
                    }),
                    .init(service: LoopService(name: "enrollment-queries") {
                        try queries.run(context: $0, heartbeatInterval: heartbeat, instance: instance)
                    }),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
