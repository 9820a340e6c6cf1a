import ArgumentParser
import Logging
import PeixunReporting
import PeixunRuntime
import PeixunStore

/// `peixun reporting`: the reporting service process. Owns `<data>/reporting.sqlite`, follows the
/// enrollment and scoring streams into its projection, serves the "reporting" command (publish a
/// monthly report) and the "reporting.query" queries, publishes its events, answers replays.
struct ReportingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reporting",
        abstract: "Run the reporting service (monthly reports, coverage, missed / fake / duplicate training flags).",
        discussion: """
            Prints `peixun reporting ready store=<file>` on standard output once its store is open. Deleting the \
            store and starting again rebuilds it from the enrollment and scoring events by replay.
            """
    )

    @OptionGroup var process: ServiceProcessOptions

    func run() async throws {
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.reporting")
        let path = process.storePath("reporting")
        let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: ReportingStore.migrations)
        var host = try process.host("reporting", store: store, logger: logger)
        host.commands = ReportingCommands()
        host.queries = ReportingQueries()
        // One subscriber for both streams: the projection applies them in one order per stream.
        host.following = [
            .init(
                streams: try process.partitioning.streams(of: "enrollment") + process.partitioning.streams(of: "scoring"),
                projection: ReportingProjection())
        ]
        StandardOutput.line("peixun reporting ready store=\(path)")
        try await host.run()
    }
}
