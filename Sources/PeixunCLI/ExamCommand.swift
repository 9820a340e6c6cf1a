import ArgumentParser
import PeixunMessages

/// `peixun exam …`: completion exams (结业考试).
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam", abstract: "Completion exams.", subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a member's completion-exam result for a period (once per member and period).")

        @OptionGroup var service: ServiceOptions

        @Option(help: "The member's number.")
        var member: String

        @Option(name: .customLong("class"), help: "The class's code.")
        var classCode: String

        @Option(help: "The period's number in the class.")
        var period: UInt32

        @Option(help: "The score, 0 to 100.")
        var score: Double

        func validate() throws {
            guard score.isFinite, (0...100).contains(score) else { throw ValidationError("--score must be 0 to 100, not \(score)") }
        }

        func run() throws {
            let command = RecordExam(memberNumber: member, classCode: classCode, periodNumber: period, score: score)
            try service.send(command, to: "scoring", partitionKey: classCode, answer: ExamRecorded.self) { exam in
                "\(member): \(TextLines.hours(exam.score)) (pass mark \(TextLines.hours(exam.passMark))), "
                    + (exam.passed ? "passed" : "not passed")
            }
        }
    }
}
