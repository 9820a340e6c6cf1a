import ArgumentParser
import Foundation
import PeixunCodec
import PeixunMessages

/// `peixun checkin …`: attendance at a lesson.
struct CheckInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin", abstract: "Check a member in to a lesson, or show the lesson's check-in code.",
        discussion: "`peixun checkin LESSON --member NUMBER --method code|roster|live [--code C] [--venue V]` checks in.",
        subcommands: [Member.self, Code.self], defaultSubcommand: Member.self)

    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member", abstract: "Check a member in to a lesson (a second check-in changes nothing).")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The lesson's id (as `peixun class lesson` and `peixun class show` print it).")
        var lesson: WireUUID

        @Option(help: "The member's number.")
        var member: String

        @Option(help: "How: code (the lesson's check-in code), roster (ticked by staff) or live (joined the stream).")
        var method: CheckInMethod

        @Option(help: "The lesson's current check-in code (with --method code).")
        var code = ""

        @Option(help: "The venue's code (default: the main venue).")
        var venue = ""

        @Option(help: "The device's clock when the check-in was taken (ISO 8601), for skew checks.",
                transform: CommandLineValue.time)
        var deviceTime: WireTimestamp?

        @Option(name: .customLong("class"), help: "The lesson's class code: needed when enrollment is split (it routes the check-in to the class's partition).")
        var classCode = ""

        @Option(help: "Who takes the check-in (a device or an operator), for fake-training checks; default: cli@<host>.")
        var source: String?

        func validate() throws {
            if method == .qrCode && code.isEmpty { throw ValidationError("--method code needs --code (see `peixun checkin code`)") }
        }

        func run() throws {
            let command = CheckIn(
                lesson: lesson, memberNumber: member, method: method, code: code, venueCode: venue, deviceTime: deviceTime,
                source: source ?? "cli@\(ProcessInfo.processInfo.hostName)", classCode: classCode)
            try service.send(command, answer: CheckInRecorded.self) { recorded in
                recorded.repeated
                    ? "\(member) was already checked in at \(TextLines.time(recorded.at)); nothing changed"
                    : "checked in \(member) at \(TextLines.time(recorded.at))"
            }
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a lesson's current check-in code (8 digits, rotating) and how long it is valid.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The lesson's id.")
        var lesson: WireUUID

        @Option(name: .customLong("class"), help: "The lesson's class code: needed when enrollment is split (each partition signs its own lessons' codes).")
        var classCode = ""

        func run() throws {
            try service.ask(ShowCheckInCode(lesson: lesson, classCode: classCode), answer: CheckInCodeView.self) { view in
                "\(view.code) (valid until \(TextLines.time(view.validUntil)))"
            }
        }
    }
}
