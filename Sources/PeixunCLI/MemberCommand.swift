import ArgumentParser
import Foundation
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunRuntime
import ZeroMQ

/// `peixun member …`: members of the enrollment service.
struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Party members.", subcommands: [Import.self, Show.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register the members of a roster CSV file.",
            discussion: """
                The file is UTF-8 CSV with a header row; columns (any order): member_id, name, branch_code \
                (required), categories (village;community;organ;enterprise;new_member;branch_secretary), \
                joined (YYYY-MM-DD). Every bad row is reported with its line and reason. Nothing is \
                written if any row is bad, unless --skip-invalid. Importing the same file twice changes \
                nothing. With enrollment split (--partitions enrollment=N, as the services are given), \
                the roster goes to each partition in part, every part checked before any is written.
                """)

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The roster CSV file.")
        var file: String

        @ArgumentParser.Flag(help: "Register the valid rows and report the invalid ones.")
        var skipInvalid = false

        @Option(name: .customLong("partitions"), help: "How the services are split, as given to them (e.g. enrollment=2).")
        var partitions = ""

        func validate() throws {
            _ = try PartitionOptions.table(partitions)
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let parsed = RosterFile.parse([UInt8](data))
            let fileProblems = parsed.problems.map { "\(file):\($0)" }
            if !fileProblems.isEmpty && (!skipInvalid || parsed.rows.isEmpty) {
                // Nothing is sent: the file itself is wrong.
                let message = "\(fileProblems.count) problem(s) in the file; nothing was imported:\n" + fileProblems.joined(separator: "\n")
                try Answer(status: .rejected, code: "roster.invalidFile", message: message).print(json: service.json) { _ in ([:], "") }
            }
            let entries = parsed.rows.map { row in
                RosterEntry(
                    line: UInt32(row.line), memberNumber: row.memberID, name: row.name, branchCode: row.branchCode,
                    categories: row.categories, joinedParty: row.joined)
            }
            let sender = RosterSender(client: try service.commandClient(), partitions: try PartitionOptions.table(partitions)["enrollment"] ?? 1)
            let reply = try sender.send(ImportRoster(entries: entries, skipInvalid: skipInvalid))
            try Answer(reply).print(json: service.json) { result in
                let imported = try RosterImported(decoding: result)
                // The file's own problems and the service's, as one list of skipped rows.
                let skipped = fileProblems + imported.skipped.map { "\(file):\($0.message)" }
                let text = ["registered \(imported.registered) member(s), \(imported.unchanged) unchanged, \(skipped.count) skipped"]
                    + skipped.map { "  skipped \($0)" }
                return (
                    ["registered": .int(Int64(imported.registered)), "unchanged": .int(Int64(imported.unchanged)),
                     "skipped": .array(skipped.map(JSONValue.string))],
                    text.joined(separator: "\n")
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a member: branch, categories, every enrollment and the credit hours earned.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The member's number in the party roster, e.g. GD-0001.")
        var number: String

        func run() throws {
            try service.ask(ShowMember(memberNumber: number), answer: MemberView.self) { member in
                var lines = [
                    "\(member.name) \(member.memberNumber), \(member.branchName) (\(member.branchCode))",
                    "  categories: \(TextLines.names(member.categories))"
                        + (member.joinedParty.map { ", joined \(TextLines.time($0).prefix(10))" } ?? ""),
                    "  credit hours: \(TextLines.hours(member.creditHours))",
                ]
                for enrollment in member.enrollments {
                    lines.append(
                        "  \(enrollment.classCode) \(enrollment.className) period \(enrollment.periodNumber): "
                            + "\(CommandLineName.of(enrollment.status)), seat \(enrollment.seat)"
                            + (enrollment.status == .completed ? ", \(TextLines.hours(enrollment.creditHours)) hours" : ""))
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
