import ArgumentParser
import PeixunCodec
import PeixunMessages

/// `peixun class …`: classes (班次), their periods (期) and lessons.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class", abstract: "Classes, their periods and lessons.",
        subcommands: [Schedule.self, Lesson.self, Show.self, ClosePeriod.self])

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a class with its periods.",
            discussion: """
                Times are ISO 8601 (2026-03-01, 2026-03-01T09:30, 2026-03-01T09:30:00+08:00), in China time \
                unless a zone is given; a date alone as a period's end means the end of that day. Without a \
                filed plan the class is accepted and flagged (class.unfiledPlan).
                """)

        @OptionGroup var service: ServiceOptions

        @Option(help: "Unique class code, e.g. XL-2026-01.")
        var code: String

        @Option(help: "Name, e.g. 小榄镇2026年第一期党员培训班.")
        var name: String

        @Option(help: "The code of the organising organisation (a school, a committee).")
        var organiser: String

        @Option(help: "The code of the class's training plan.")
        var plan: String?

        @Option(help: "Comma-separated member categories the class is for (default: every member).",
                transform: CommandLineValue.categories)
        var target: [MemberCategory] = []

        @Option(help: "Share of a period's lessons a member must attend to complete it (default 80).")
        var completionPercent: UInt32 = 0

        @Option(help: "The completion exam's pass mark (0–100), when the class has one.")
        var examPassMark: Double?

        @Option(name: .customLong("period"), help: "A period: START,END,CAPACITY (repeat for more periods).",
                transform: CommandLineValue.period)
        var periods: [PeriodSpec] = []

        func validate() throws {
            guard !periods.isEmpty else { throw ValidationError("give at least one --period START,END,CAPACITY") }
            guard completionPercent <= 100 else { throw ValidationError("--completion-percent must be 0…100") }
            if let examPassMark, !(0...100).contains(examPassMark) { throw ValidationError("--exam-pass-mark must be 0…100") }
        }

        func run() throws {
            let command = ScheduleClass(
                code: code, name: name, organiserCode: organiser, planCode: plan, targetCategories: target,
                completionPercent: completionPercent, periods: periods, examPassMark: examPassMark)
            try service.send(command, answer: ClassScheduled.self) { scheduled in
                (["scheduled class \(scheduled.code) \(scheduled.name) (\(scheduled.organiserName), plan "
                    + "\(scheduled.planCode ?? "none"): \(CommandLineName.of(scheduled.planStatus)))"]
                    + scheduled.periods.map { "  period \($0.number): \(TextLines.span($0.start, $0.end)), \($0.capacity) seats" }
                    + scheduled.warnings.map { "  warning (\($0.code)): \($0.message)" }).joined(separator: "\n")
            }
        }
    }

    struct Lesson: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a lesson in a period, booking its instructor.")

        @OptionGroup var service: ServiceOptions

        @Option(name: .customLong("class"), help: "The class's code.")
        var classCode: String

        @Option(help: "The period's number in the class.")
        var period: UInt32

        @Option(help: "The course's code.")
        var course: String

        @Option(help: "The instructor's code.")
        var instructor: String

        @Option(help: "When it starts (ISO 8601, China time unless a zone is given).", transform: CommandLineValue.time)
        var start: WireTimestamp

        @Option(help: "When it ends.", transform: CommandLineValue.time)
        var end: WireTimestamp

        @Option(help: "The main venue (主会场): CODE,NAME,CAPACITY.", transform: CommandLineValue.venue)
        var venue: VenueSpec

        @Option(name: .customLong("branch-venue"), help: "A branch venue (分会场) of a live lesson: CODE,NAME,CAPACITY (repeatable).",
                transform: CommandLineValue.venue)
        var branchVenues: [VenueSpec] = []

        func validate() throws {
            guard start < end else { throw ValidationError("--end must be after --start") }
        }

        func run() throws {
            let command = ScheduleLesson(
                classCode: classCode, periodNumber: period, courseCode: course, instructorCode: instructor, start: start,
                end: end, venue: venue, branchVenues: branchVenues)
            try service.send(command, answer: LessonBooked.self) { booked in
                (["booked lesson \(booked.lesson)"] + booked.warnings.map { "  warning (\($0.code)): \($0.message)" })
                    .joined(separator: "\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a class: plan, warnings, periods with their enrollment counts and lessons.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The class's code.")
        var code: String

        func run() throws {
            try service.ask(ShowClass(code: code), answer: ClassView.self) { view in
                var lines = [
                    "\(view.code) \(view.name), organised by \(view.organiserName) (\(view.organiserCode))",
                    "  plan: \(view.planCode ?? "none") (\(CommandLineName.of(view.planStatus))), for: "
                        + "\(view.targetCategories.isEmpty ? "every member" : TextLines.names(view.targetCategories)), "
                        + "completion at \(view.completionPercent)%",
                ]
                lines += view.warnings.map { "  warning (\($0.code)): \($0.message)" }
                for period in view.periods {
                    lines.append(
                        "  period \(period.number): \(TextLines.span(period.start, period.end)), \(period.enrolled)/\(period.capacity) "
                            + "enrolled, \(period.waitlisted) waitlisted\(period.closed ? ", closed" : "")")
                    lines += period.lessons.map { lesson in
                        "    \(TextLines.span(lesson.start, lesson.end)) \(lesson.courseName) (\(lesson.courseCode)), "
                            + "\(lesson.instructorName), \(lesson.venueName)"
                            + (lesson.branchVenues > 0 ? " + \(lesson.branchVenues) branch venues" : "") + "  [\(lesson.lesson)]"
                    }
                }
                return lines.joined(separator: "\n")
            }
        }
    }

    struct ClosePeriod: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-period",
            abstract: "Close a period: decide completion for every enrolled member; no more check-ins or enrollments.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The class's code.")
        var code: String

        @Option(help: "The period's number in the class.")
        var period: UInt32

        func run() throws {
            try service.send(PeixunMessages.ClosePeriod(classCode: code, periodNumber: period), answer: PeriodClosed.self) { closed in
                "period closed: \(closed.completed) completed, \(closed.notCompleted) not completed, \(closed.lessons) lessons"
            }
        }
    }
}
