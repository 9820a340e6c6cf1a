import ArgumentParser
import Foundation
import Logging
import PeixunEnrollment
import PeixunRuntime
import PeixunStore

/// `peixun enrollment`: the enrollment service process. Owns `<data>/enrollment.sqlite`, serves
/// the "enrollment" commands and the "enrollment.query" queries through the broker, publishes the
/// enrollment events, answers replays.
struct EnrollmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrollment",
        abstract: "Run the enrollment service (organisations, members, catalogue, plans, classes, enrollment, attendance).",
        discussion: "Prints `peixun enrollment ready store=<file>` on standard output once its store is open."
    )

    @OptionGroup var process: ServiceProcessOptions

    @Option(help: "Minutes before a lesson starts and after it ends during which check-ins are still taken.")
    var checkInGraceMinutes: Int64 = 15

    @Option(help: "Seconds per check-in code window (a code is accepted for one to two windows).")
    var checkInCodeSeconds: Int64 = 30

    func validate() throws {
        guard (0...24 * 60).contains(checkInGraceMinutes) else {
            throw ValidationError("--check-in-grace-minutes must be 0…1440, not \(checkInGraceMinutes)")
        }
        guard (5...3600).contains(checkInCodeSeconds) else {
            throw ValidationError("--check-in-code-seconds must be 5…3600, not \(checkInCodeSeconds)")
        }
    }

    func run() async throws {
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.enrollment")
        let path = process.storePath("enrollment")
        let store = try ServiceStore(path: path, durability: .owner, logger: logger, migrations: EnrollmentStore.migrations)
        let settings = EnrollmentSettings(checkInGraceSeconds: checkInGraceMinutes * 60, codeWindowSeconds: checkInCodeSeconds)
        var host = try process.host("enrollment", store: store, logger: logger)
        host.commands = EnrollmentCommands(settings: settings)
        host.queries = EnrollmentQueries(settings: settings)
        StandardOutput.line("peixun enrollment ready store=\(path)")
        try await host.run()
    }
}
