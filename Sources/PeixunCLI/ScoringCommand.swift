import ArgumentParser
import Foundation
import Logging
import PeixunRuntime
import PeixunScoring
import PeixunStore
import PeixunTransport

/// `peixun scoring`: the scoring service process. Owns `<data>/scoring.sqlite` (or, split with
/// `--partitions scoring=N`, `<data>/scoring-<p>.sqlite` for each partition it owns), follows
/// enrollment's streams, serves the "scoring" commands and "scoring.query" queries through the
/// broker, publishes the scoring events, answers replays.
struct ScoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Run the scoring service (instructor scores, completion exams, excellence rates).",
        discussion: "Prints `peixun scoring ready store=<file>[,<file>…]` on standard output once its stores are open."
    )

    @OptionGroup var process: ServiceProcessOptions

    func run() async throws {
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.scoring")
        let enrollment = try process.partitioning.streams(of: "enrollment")
        var paths: [String] = []
        let hosts = try process.partitioning.owned(of: "scoring").map { servicePartition in
            let partition = servicePartition.map { ScoringPartition(index: $0.index, count: $0.count) } ?? .whole
            let path = process.storePath("scoring", partition: servicePartition)
            paths.append(path)
            let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: ScoringStore.migrations)
            var host = try process.host("scoring", store: store, partition: servicePartition, logger: logger)
            host.commands = ScoringCommands(partition: partition)
            host.queries = ScoringQueries(partition: partition)
            host.following = [.init(streams: enrollment, projection: EnrollmentProjection(partition: partition))]
            return host
        }
        StandardOutput.line("peixun scoring ready store=\(paths.joined(separator: ","))")
        try await ServiceHost.run(hosts, logger: logger)
    }
}
