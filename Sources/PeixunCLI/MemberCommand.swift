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
        commandName: "member", abstract: "Party members.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register the members of a roster CSV file.",
            discussion: """
                The file is UTF-8 CSV with a header row; columns (any order): member_id, name, branch_code \
                (required), categories (village;community;organ;enterprise;new_member;branch_secretary), \
                joined (YYYY-MM-DD). Every bad row is reported with its line and reason. Nothing is \
                written if any row is bad, unless --skip-invalid. Importing the same file twice changes \
                nothing.
                """)

        @Option(help: "The broker's request endpoint.")
        var broker = "tcp://127.0.0.1:5570"

        @Argument(help: "The roster CSV file.")
        var file: String

        @ArgumentParser.Flag(help: "Register the valid rows and report the invalid ones.")
        var skipInvalid = false

        @ArgumentParser.Flag(help: "Print the answer as JSON.")
        var json = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let parsed = RosterFile.parse([UInt8](data))
            let fileProblems = parsed.problems.map { "\(file):\($0)" }
            if !fileProblems.isEmpty && (!skipInvalid || parsed.rows.isEmpty) {
                // Nothing is sent: the file itself is wrong.
                let message = "\(fileProblems.count) problem(s) in the file; nothing was imported:\n" + fileProblems.joined(separator: "\n")
                StandardOutput.line(
                    json ? try CommandOutput.encode(["status": "rejected", "code": "roster.invalidFile", "message": message])
                        : "rejected (roster.invalidFile): \(message)")
                throw ExitCode(1)
            }
            let entries = parsed.rows.map { row in
                RosterEntry(
                    line: UInt32(row.line), memberNumber: row.memberID, name: row.name, branchCode: row.branchCode,
                    categories: row.categories, joinedParty: row.joined)
            }
            let command = ImportRoster(entries: entries, skipInvalid: skipInvalid)
            let reply = try CommandClient(context: try ZMQContext(), broker: broker)
                .send(try command.encoded(), to: "enrollment", timeout: .seconds(30))
            try CommandOutput.print(reply, json: json) { result in
                let imported = try RosterImported(decoding: result)
                let skipped = fileProblems + imported.skipped.map { "\(file):\($0.message)" }
                let text = ["registered \(imported.registered) member(s), \(imported.unchanged) unchanged, \(skipped.count) skipped"]
                    + skipped.map { "  skipped \($0)" }
                return (
                    ["registered": Int(imported.registered), "unchanged": Int(imported.unchanged), "skipped": skipped],
                    text.joined(separator: "\n")
                )
            }
        }
    }
}
