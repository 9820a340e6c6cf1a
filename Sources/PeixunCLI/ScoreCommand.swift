import ArgumentParser
import PeixunCodec
import PeixunMessages

/// `peixun score …`: trainees' scores of their instructors.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score the instructor of a lesson attended, or show a member's scores.",
        subcommands: [Submit.self, Show.self])

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the instructor of a lesson the member attended (once; each dimension 1–5).")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The lesson's id (as `peixun class show` prints it).")
        var lesson: WireUUID

        @Option(help: "The member's number.")
        var member: String

        @Option(help: "Content, 1 (poor) to 5 (excellent).")
        var content: UInt8

        @Option(help: "Delivery, 1 to 5.")
        var delivery: UInt8

        @Option(help: "Usefulness, 1 to 5.")
        var usefulness: UInt8

        @Option(help: "A comment (at most 500 characters).")
        var comment: String?

        @Option(name: .customLong("class"), help: "The lesson's class code: needed where scoring is split into partitions (by class).")
        var classCode = ""

        func validate() throws {
            for (name, value) in [("--content", content), ("--delivery", delivery), ("--usefulness", usefulness)] {
                guard (1...5).contains(value) else { throw ValidationError("\(name) must be 1 to 5, not \(value)") }
            }
        }

        func run() throws {
            let command = SubmitScore(
                lesson: lesson, memberNumber: member, content: content, delivery: delivery, usefulness: usefulness,
                comment: comment)
            try service.send(command, to: "scoring", partitionKey: classCode, answer: ScoreRecorded.self) { score in
                "scored: content \(score.content), delivery \(score.delivery), usefulness \(score.usefulness)"
                    + (score.excellent ? " (excellent)" : "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a member's scores and exam results.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The member's number.")
        var member: String

        func run() throws {
            try service.ask(ShowMemberScores(memberNumber: member), of: "scoring", answer: MemberScoreSheet.self) { sheet in
                let scores = sheet.scores.map { line in
                    "  \(TextLines.time(line.at))  \(line.courseName) / \(line.instructorName): "
                        + "\(line.content)-\(line.delivery)-\(line.usefulness)\(line.excellent ? " excellent" : "")"
                }
                let exams = sheet.exams.map { line in
                    "  \(line.className) (\(line.classCode)) period \(line.periodNumber): \(TextLines.hours(line.score)) "
                        + "(pass mark \(TextLines.hours(line.passMark)), \(line.passed ? "passed" : "not passed"))"
                        + (line.completionConfirmed ? ", completion confirmed" : "")
                }
                return (["\(sheet.name) (\(sheet.memberNumber)): \(sheet.scores.count) scores, \(sheet.exams.count) exams"]
                    + scores + exams).joined(separator: "\n")
            }
        }
    }
}
