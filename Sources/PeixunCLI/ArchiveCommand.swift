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

        @Option(help: "The streams to follow (comma-separated: enrollment, scoring). A month is sealed once each has an event of a later month; leave scoring out where no scoring service runs.")
        var follow = "enrollment,scoring"

        var followed: [String] { follow.split(separator: ",").map { String($0) } }

        func validate() throws {
            let unknown = followed.filter { !ArchiveSettings.knownStreams.contains($0) }
            guard unknown.isEmpty, !followed.isEmpty else {
                throw ValidationError("--follow takes enrollment and/or scoring, not \(follow)")
            }
        }

        func run() async throws {
            ServiceProcessOptions.startProcess()
            let logger = Logger(label: "peixun.archive")
            let path = process.storePath("archive")
            let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: ArchiveStore.migrations)
            let settings = ArchiveSettings(
                memberQuota: memberQuota, secretaryQuota: secretaryQuota,
                followedStreams: followed, partitionCounts: try process.partitioning.table())
            var host = try process.host("archive", store: store, logger: logger)
            host.commands = ArchiveCommands()
            host.queries = ArchiveQueries(settings: settings)
            // One subscriber per service (all its partitions): each stream's order is kept, and
            // a member's chain of a service is written by one thread.
            let projection = ArchiveProjection(settings: settings, logger: logger)
            host.following = try followed.map { .init(streams: try process.partitioning.streams(of: $0), projection: projection) }
            StandardOutput.line("peixun archive ready store=\(path)")
            try await host.run()
        }
    }
}
