import ArgumentParser
import Foundation
import GRDB
import Logging
import PeixunArchive
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import ZeroMQ

/// `peixun archive`: the archive service process (the default), and its commands, queries,
/// exports and the offline verification an auditor runs.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Members' training archives (党员培训档案) and committees' cabinets (一委一柜).",
        subcommands: [Serve.self, Verify.self, Transcript.self, Cabinet.self, Ledger.self, Seal.self],
        defaultSubcommand: Serve.self)

    /// `peixun archive [serve]`: the process.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the archive service (follows the enrollment and scoring streams).",
            discussion: "Prints `peixun archive ready store=<file>` on standard output once its store is open.")

        @OptionGroup var process: ServiceProcessOptions

        @Option(help: "Credit hours a member owes per year.")
        var memberQuota: Double = 32

        @Option(help: "Credit hours a branch secretary owes per year.")
        var secretaryQuota: Double = 56

        @Option(help: "Streams whose clocks seal a month (comma-separated): a month is sealed once each has an event of a later month.")
        var sealOn = "enrollment,scoring"

        func run() async throws {
            ServiceProcessOptions.startProcess()
            let logger = Logger(label: "peixun.archive")
            let path = process.storePath("archive")
            let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: ArchiveStore.migrations)
            let settings = ArchiveSettings(
                memberQuota: memberQuota, secretaryQuota: secretaryQuota,
                sealingStreams: sealOn.split(separator: ",").map { String($0) })
            var host = process.host("archive", store: store, logger: logger)
            host.commands = ArchiveCommands()
            host.queries = ArchiveQueries(settings: settings)
            // One subscriber per stream: each stream's order is kept, and the chains are per stream.
            let projection = ArchiveProjection(settings: settings, logger: logger)
            host.following = [
                .init(streams: [ArchiveStore.enrollmentStream], projection: projection),
                .init(streams: [ArchiveStore.scoringStream], projection: projection),
            ]
            StandardOutput.line("peixun archive ready store=\(path)")
            try await host.run()
        }
    }
}
