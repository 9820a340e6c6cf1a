import ArgumentParser
import Foundation
import Logging
import PeixunRuntime
import PeixunScoring
import PeixunStore

/// `peixun scoring`: the scoring service process. Owns `<data>/scoring.sqlite`, follows
/// enrollment's stream, serves the "scoring" commands and "scoring.query" queries through the
/// broker, publishes the scoring events, answers replays.
struct ScoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Run the scoring service (instructor scores, completion exams, excellence rates).",
        discussion: "Prints `peixun scoring ready store=<file>` on standard output once its store is open."
    )

    @OptionGroup var process: ServiceProcessOptions

    func run() async throws {
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.scoring")
        let path = process.storePath("scoring")
        let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: ScoringStore.migrations)
        var host = try process.host("scoring", store: store, logger: logger)
        host.commands = ScoringCommands()
        host.queries = ScoringQueries()
        host.following = [.init(streams: [ScoringStore.enrollmentStream], projection: EnrollmentProjection())]
        StandardOutput.line("peixun scoring ready store=\(path)")
        try await host.run()
    }
}
