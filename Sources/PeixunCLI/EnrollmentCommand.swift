import ArgumentParser
import Foundation
import Logging
import PeixunEnrollment
import PeixunRuntime
import PeixunStore
import PeixunTransport

/// `peixun enrollment`: the enrollment service process. Owns `<data>/enrollment.sqlite`, serves
/// the "enrollment" commands and the "enrollment.query" queries through the broker, publishes the
/// enrollment events, answers replays. Split (`--partitions enrollment=N`), it serves the
/// partitions it owns (`--own`), each with `<data>/enrollment-<p>.sqlite` and its stream, and
/// follows the other partitions' streams into each (`SiblingReplica`), stamping its events with
/// how far it has them.
struct EnrollmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrollment",
        abstract: "Run the enrollment service (organisations, members, catalogue, plans, classes, enrollment, attendance).",
        discussion: "Prints `peixun enrollment ready store=<file>` on standard output once its store is open."
    )

    @OptionGroup var process: ServiceProcessOptions

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
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.enrollment")
        let settings = EnrollmentSettings(checkInGraceSeconds: checkInGraceMinutes * 60, codeWindowSeconds: checkInCodeSeconds)
        var paths: [String] = []
        let hosts = try process.partitioning.owned(of: "enrollment").map { servicePartition in
            let partition = servicePartition.map { EnrollmentPartition(index: $0.index, count: $0.count) } ?? .whole
            let path = process.storePath("enrollment", partition: servicePartition)
            paths.append(path)
            let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: EnrollmentStore.migrations)
            var host = try process.host("enrollment", store: store, partition: servicePartition, logger: logger)
            host.commands = EnrollmentCommands(settings: settings, partition: partition)
            host.queries = EnrollmentQueries(settings: settings, partition: partition)
            if partition.isSplit {
                host.following = [.init(streams: partition.siblings, projection: SiblingReplica())]
                host.stampedStreams = partition.siblings
            }
            return host
        }
        StandardOutput.line("peixun enrollment ready store=\(paths.joined(separator: ","))")
        try await ServiceHost.run(hosts, logger: logger)
    }
}
