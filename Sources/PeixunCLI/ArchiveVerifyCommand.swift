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

extension ArchiveCommand {
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
}
