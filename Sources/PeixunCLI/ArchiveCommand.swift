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

    /// `peixun archive verify`: reads the store file itself, read-only, as an auditor would.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every member's chains and every sealed root from archive.sqlite (read-only); report each break.",
            discussion: "Exit status 0 when intact, 1 when anything is broken.")

        @Option(help: "Folder of archive.sqlite.")
        var data = "./peixun-data"

        @ArgumentParser.Flag(help: "Print the report as one JSON object.")
        var json = false

        func run() throws {
            let path = URL(fileURLWithPath: data).appendingPathComponent("archive.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no archive store at \(path)") }
            var configuration = Configuration()
            configuration.readonly = true
            let report = try DatabaseQueue(path: path, configuration: configuration).read { db in try ArchiveVerifier.verify(db) }
            if json {
                var object = JSONValue.reflecting(report).fields
                object["intact"] = .bool(report.intact)
                object["breaks"] = .array(report.breaks.map { JSONValue.reflecting($0) })
                object["rootBreaks"] = .array(report.rootBreaks.map { JSONValue.reflecting($0) })
                StandardOutput.line(JSONValue.object(object).rendered)
            } else {
                StandardOutput.line(
                    (report.intact ? "intact" : "BROKEN")
                        + ": \(report.members) member(s), \(report.entries) entr(ies), \(report.roots) sealed root(s)")
                for line in report.breaks.map(\.description) + report.rootBreaks.map(\.description) { StandardOutput.line("  " + line) }
            }
            if !report.intact { throw ExitCode(1) }
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A member's training record: every entry, with names; --xapi for xAPI statements.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The member's number in the party roster, e.g. GD-0001.")
        var member: String

        @ArgumentParser.Flag(help: "Print the record as a JSON array of xAPI statements (ids derived from the entry hashes).")
        var xapi = false

        func run() throws {
            if xapi {
                let reply = try QueryClient(context: try ZMQContext(), broker: service.broker)
                    .ask(ShowTranscript(memberNumber: member), service: "archive")
                try Answer(reply).print(json: false) { result in
                    ([:], try XAPIStatement.json(XAPIStatement.statements(try PeixunMessages.Transcript(decoding: result))))
                }
                return
            }
            try service.ask(ShowTranscript(memberNumber: member), of: "archive", answer: PeixunMessages.Transcript.self) { record in
                (["\(record.name) \(record.memberNumber), committee \(record.committeeName) (\(record.committeeCode))"]
                    + record.entries.map { entry in
                        "  \(entry.lane) #\(entry.entry) \(TextLines.time(entry.at)) \(entry.kind) \(entry.className) \(entry.courseName)"
                            + (entry.creditHours > 0 ? " \(entry.creditHours) h" : "") + (entry.score.map { " score \($0)" } ?? "")
                    }).joined(separator: "\n")
            }
        }
    }

    struct Cabinet: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A party committee's cabinet (一委一柜): its members' records; --csv for CSV.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The committee's organisation code.")
        var committee: String

        @ArgumentParser.Flag(help: "Print the cabinet as UTF-8 CSV, one row per member.")
        var csv = false

        func run() throws {
            if csv {
                let reply = try QueryClient(context: try ZMQContext(), broker: service.broker)
                    .ask(ShowCabinet(committeeCode: committee), service: "archive")
                guard reply.status == .accepted else {
                    try Answer(reply).print(json: false) { _ in ([:], "") }  // prints the refusal, exits 1
                    return
                }
                // Byte for byte what CabinetCSV renders: CRLF line ends, the last line's included.
                FileHandle.standardOutput.write(Data(CabinetCSV.render(try CabinetView(decoding: reply.result)).utf8))
                return
            }
            try service.ask(ShowCabinet(committeeCode: committee), of: "archive", answer: CabinetView.self) { cabinet in
                (["\(cabinet.name) (\(cabinet.code)): \(cabinet.members.count) member(s), \(cabinet.roots.count) sealed month(s)"]
                    + cabinet.members.map { "  \($0.memberNumber) \($0.name) \($0.entries) entries, \($0.creditHours) h" }
                    + cabinet.roots.map { "  \($0.month) root over \($0.members) member(s)" }).joined(separator: "\n")
            }
        }
    }

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Credit hours of a year against the quota, for a member or a committee.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The member's number (or use --committee).")
        var member: String?

        @Option(help: "A committee's organisation code: every member of its cabinet.")
        var committee: String?

        @Option(help: "The year (China time).")
        var year: UInt32

        func validate() throws {
            guard (member == nil) != (committee == nil) else { throw ValidationError("name a member or --committee, not both") }
        }

        func run() throws {
            try service.ask(
                ShowLedger(memberNumber: member, committeeCode: committee, year: year), of: "archive", answer: LedgerView.self
            ) { ledger in
                (["\(ledger.year): hours / quota, owed"]
                    + ledger.lines.map { "  \($0.memberNumber) \($0.name) \($0.hours) / \($0.quota), owes \($0.owed)" }).joined(separator: "\n")
            }
        }
    }

    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal a committee's month now (when a followed stream is idle and the month would otherwise wait).")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The committee's organisation code.")
        var committee: String

        @Option(help: "The month, YYYY-MM (China time).")
        var month: String

        func run() throws {
            try service.send(SealMonth(committeeCode: committee, month: month), to: "archive", answer: MonthlyRootSealed.self) { sealed in
                "sealed \(sealed.month) of \(sealed.committeeCode): root over \(sealed.members) member(s)"
            }
        }
    }
}
