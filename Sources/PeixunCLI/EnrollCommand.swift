import ArgumentParser
import PeixunMessages

/// `peixun enroll …`: members in a class's periods.
struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll", abstract: "Enroll members in a period, cancel, list a period's enrollments.",
        discussion: "`peixun enroll MEMBER --class CODE --period N` enrolls (waitlisted when the period is full).",
        subcommands: [Member.self, Cancel.self, List.self], defaultSubcommand: Member.self)

    /// Where an enrollment goes: a class's period.
    struct PeriodOptions: ParsableArguments {
        @Option(name: .customLong("class"), help: "The class's code.")
        var classCode: String

        @Option(help: "The period's number in the class.")
        var period: UInt32
    }

    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member", abstract: "Enroll a member in a period (waitlisted when it is full).")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var target: PeriodOptions

        @Argument(help: "The member's number, e.g. GD-0001.")
        var member: String

        func run() throws {
            try service.send(
                Enroll(memberNumber: member, classCode: target.classCode, periodNumber: target.period), answer: MemberEnrolled.self
            ) { enrolled in
                "\(enrolled.waitlisted ? "waitlisted" : "enrolled") \(enrolled.memberName) \(enrolled.memberNumber) in "
                    + "\(enrolled.className) period \(enrolled.periodNumber), \(enrolled.waitlisted ? "place" : "seat") \(enrolled.seat)"
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a member's enrollment; the first waitlisted member gets the freed seat.")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var target: PeriodOptions

        @Argument(help: "The member's number.")
        var member: String

        @Option(help: "Why, e.g. 工作冲突.")
        var reason = ""

        func run() throws {
            let command = CancelEnrollment(
                memberNumber: member, classCode: target.classCode, periodNumber: target.period, reason: reason)
            try service.send(command, answer: EnrollmentCancellation.self) { cancelled in
                "cancelled \(member)'s enrollment"
                    + (cancelled.promotedMemberNumber.map { "; \($0) moves up from the waitlist" } ?? "")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a period's enrollments: seats in order, then the waitlist.")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var target: PeriodOptions

        func run() throws {
            try service.ask(ListEnrollments(classCode: target.classCode, periodNumber: target.period), answer: EnrollmentList.self) {
                list in
                list.entries.isEmpty
                    ? "no enrollments"
                    : list.entries.map { "\($0.seat)\t\(CommandLineName.of($0.status))\t\($0.memberNumber)\t\($0.name)" }
                        .joined(separator: "\n")
            }
        }
    }
}
