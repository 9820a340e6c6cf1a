import ArgumentParser
import PeixunMessages

/// `peixun course …`: the course catalogue.
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "The course catalogue.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a course to the catalogue.")

        @OptionGroup var service: ServiceOptions

        @Option(help: "Unique code, e.g. ZZLL-01.")
        var code: String

        @Option(help: "Name, e.g. 学习贯彻习近平新时代中国特色社会主义思想.")
        var name: String

        @Option(help: "The catalogue module.")
        var module: CourseModule

        @Option(help: "Credit hours (学时) for attending one lesson of it, e.g. 1.5.")
        var creditHours: Double

        @Option(help: "How its lessons are held.")
        var mode: LessonMode

        func validate() throws {
            guard creditHours > 0, creditHours <= 24 else { throw ValidationError("--credit-hours must be above 0 and at most 24") }
        }

        func run() throws {
            try service.send(
                AddCourse(code: code, name: name, module: module, creditHours: creditHours, mode: mode), answer: CourseAdded.self
            ) { added in
                "added course \(added.code) \(added.name) (\(CommandLineName.of(added.module)), "
                    + "\(TextLines.hours(added.creditHours)) hours, \(CommandLineName.of(added.mode)))"
            }
        }
    }
}
