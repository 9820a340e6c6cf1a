import ArgumentParser
import PeixunMessages

/// `peixun instructor …`: the shared instructor pool (师资库).
struct InstructorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instructor", abstract: "The instructor pool shared by every school.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an instructor to the pool.")

        @OptionGroup var service: ServiceOptions

        @Option(help: "Unique code, e.g. T-001.")
        var code: String

        @Option(help: "Name, e.g. 李娜.")
        var name: String

        @Option(help: "The kind of instructor.")
        var kind: InstructorKind

        @Option(help: "The code of the instructor's home organisation.")
        var organisation: String

        func run() throws {
            try service.send(
                AddInstructor(code: code, name: name, kind: kind, organisationCode: organisation), answer: InstructorAdded.self
            ) { added in
                "added instructor \(added.code) \(added.name) (\(CommandLineName.of(added.kind)), \(added.organisationCode))"
            }
        }
    }
}
