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

/// The archive's queries and exports (through "archive.query") and its command (through "archive").
extension ArchiveCommand {
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
                let reply = try service.queryClient()
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
                let reply = try service.queryClient()
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
