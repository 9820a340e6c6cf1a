import ArgumentParser
import PeixunMessages

/// `peixun plan …`: training plans filed (备案) with the superior organisation.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Training plans, filed with and acknowledged by the superior.",
        subcommands: [File.self, Acknowledge.self])

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File an organisation's training plan with its superior (its parent in the tree).")

        @OptionGroup var service: ServiceOptions

        @Option(help: "Unique plan code, e.g. P-2026-XL.")
        var code: String

        @Option(help: "The code of the filing organisation.")
        var organisation: String

        @Option(help: "The level filed at (city for the city, county for a county, grassroots below).")
        var level: PlanLevel

        @Option(help: "The training year, e.g. 2026.")
        var year: UInt32

        @Option(help: "Title, e.g. 小榄镇2026年党员教育培训计划.")
        var title: String

        @Option(help: "Classes planned.")
        var classes: UInt32 = 0

        @Option(help: "Periods planned.")
        var periods: UInt32 = 0

        @Option(help: "Trainees planned.")
        var trainees: UInt32 = 0

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be 2000…2100, not \(year)") }
        }

        func run() throws {
            let command = FilePlan(
                code: code, organisationCode: organisation, level: level, year: year, title: title, plannedClasses: classes,
                plannedPeriods: periods, plannedTrainees: trainees)
            try service.send(command, answer: PlanFiled.self) { filed in
                "filed plan \(filed.code) \(filed.title) (\(filed.organisationCode) → \(filed.superiorCode ?? "outside the tree"))"
            }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Acknowledge a filed plan, as its superior.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The plan's code.")
        var plan: String

        @Option(help: "The code of the acknowledging organisation (the plan's superior).")
        var by: String

        func run() throws {
            try service.send(AcknowledgePlan(planCode: plan, byOrganisationCode: by), answer: PlanAcknowledged.self) { done in
                "plan \(done.code) acknowledged by \(done.acknowledgedByCode)"
            }
        }
    }
}
