import ArgumentParser
import PeixunCodec
import PeixunMessages

/// `peixun attendance LESSON`: who checked in to a lesson, where and how.
struct AttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance", abstract: "Show a lesson's check-ins: counts per venue (main venue first) and each member.")

    @OptionGroup var service: ServiceOptions

    @Argument(help: "The lesson's id.")
    var lesson: WireUUID

    func run() throws {
        try service.ask(ShowAttendance(lesson: lesson), answer: AttendanceView.self) { view in
            (["\(view.courseName), \(TextLines.span(view.start, view.end)): \(view.checkedIn) of \(view.enrolled) enrolled checked in"]
                + view.venues.map { "  \($0.name) (\($0.code)): \($0.checkedIn)/\($0.capacity)" }
                + view.members.map {
                    "  \(TextLines.time($0.at)) \($0.memberNumber) \($0.name) at \($0.venueCode) by \(CommandLineName.of($0.method))"
                }).joined(separator: "\n")
        }
    }
}
