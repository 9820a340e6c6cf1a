import ArgumentParser
import Foundation
import PeixunCodec
import PeixunMessages
import PeixunReporting
import PeixunRuntime
import ZeroMQ
import PeixunCalendar

/// `peixun report …`: the reporting service's reports, as text, JSON (`--json`) or CSV (`--csv`).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Monthly reports, coverage and flags (missed, fake, duplicate training).",
        subcommands: [Monthly.self, Coverage.self, Flags.self, Dashboard.self, Publish.self])

    /// `--csv`, beside the `--json` of `ServiceOptions`.
    struct Export: ParsableArguments {
        @ArgumentParser.Flag(help: "Print the answer as CSV (UTF-8, header row) instead of text or JSON.")
        var csv = false
    }

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The monthly report (月报告) of an organisation and everything below it.")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var export: Export

        @Option(help: "The organisation's code.")
        var org: String

        @Option(help: "The month, YYYY-MM (China time).")
        var month: String

        func validate() throws { try ReportCommand.validate(service: service, export: export) }

        func run() throws {
            try ReportCommand.ask(ShowMonthlyReport(organisationCode: org, month: month), service, export, MonthlyReportView.self) {
                view in
                (ReportCSV.monthly(view.report), ReportText.monthly(view.report, published: view.published))
            }
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Coverage (members trained this year / members on the roster), rolled up the tree.")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var export: Export

        @Option(help: "The organisation's code.")
        var org: String

        @Option(help: "The year (default: this year, China time).")
        var year: UInt32 = ReportCommand.thisYear()

        func validate() throws { try ReportCommand.validate(service: service, export: export) }

        func run() throws {
            try ReportCommand.ask(ShowCoverage(organisationCode: org, year: year), service, export, CoverageView.self) { view in
                (ReportCSV.coverage(view.rows), ReportText.coverage(view.rows, year: view.year))
            }
        }
    }

    struct Flags: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Flags of a year: missed, fake and duplicate training, unfiled plans, plan variance.")

        @OptionGroup var service: ServiceOptions
        @OptionGroup var export: Export

        @Option(help: "The organisation's code (default: the whole tree).")
        var org: String?

        @Option(help: "The year (default: this year, China time).")
        var year: UInt32 = ReportCommand.thisYear()

        func validate() throws { try ReportCommand.validate(service: service, export: export) }

        func run() throws {
            try ReportCommand.ask(ListFlags(organisationCode: org, year: year), service, export, FlagList.self) { list in
                (ReportCSV.flags(list.flags), ReportText.flags(list.flags))
            }
        }
    }

    struct Dashboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The live dashboard's starting state: today's lessons and check-ins, coverage, leaders, latest flags.")

        @OptionGroup var service: ServiceOptions

        @Option(help: "The organisation's code.")
        var org: String

        @Option(help: "The day, YYYY-MM-DD (default: today, China time).")
        var day: String = ReportCommand.today()

        func run() throws {
            try ReportCommand.ask(ShowDashboard(organisationCode: org, day: day), service, csv: false, DashboardView.self) { view in
                ("", DashboardText.view(view))
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the monthly report of an organisation for a month that is over (once).")

        @OptionGroup var service: ServiceOptions

        @Option(help: "The organisation's code.")
        var org: String

        @Option(help: "The month, YYYY-MM (China time).")
        var month: String

        func run() throws {
            try service.send(
                PublishMonthlyReport(organisationCode: org, month: month), to: "reporting", answer: MonthlyReportPublished.self
            ) { published in
                ReportText.monthly(published.report, published: true)
            }
        }
    }

    static func validate(service: ServiceOptions, export: Export) throws {
        if service.json && export.csv { throw ValidationError("--json and --csv exclude each other") }
    }

    /// Asks `query` of "reporting.query" and prints the answer as text, JSON or CSV; a refusal
    /// prints its code and message and exits 1.
    static func ask<Q: WireMessage, R: WireMessage>(
        _ query: Q, _ service: ServiceOptions, _ export: Export, _: R.Type, render: (R) -> (csv: String, text: String)
    ) throws {
        try ask(query, service, csv: export.csv, R.self, render: render)
    }

    /// `ask` for an answer with no CSV form: an `Export` made outside the parser cannot be read.
    static func ask<Q: WireMessage, R: WireMessage>(
        _ query: Q, _ service: ServiceOptions, csv: Bool, _: R.Type, render: (R) -> (csv: String, text: String)
    ) throws {
        let wantsCSV = csv
        let reply = try service.queryClient().ask(query, service: "reporting")
        try Answer(reply).print(json: service.json) { result in
            let answer = try R(decoding: result)
            let (csv, text) = render(answer)
            // CSV rows end in CRLF (one Character in Swift); the last one's LF is `StandardOutput.line`'s.
            return (JSONValue.reflecting(answer).fields, wantsCSV ? String(csv.dropLast()) + "\r" : text)
        }
    }

    /// Today in China time, `YYYY-MM-DD`: the dashboard's default day (the service never reads a clock).
    static func today() -> String { ChinaCalendar.day(.now) }

    /// This year in China time: the default year the CLI asks for (the service never reads a clock).
    static func thisYear() -> UInt32 {
        // `civil` adds China's 8 hours itself: adding them here too (as this did once) made the
        // default year the next one from 16:00 on 31 December.
        UInt32(ChinaCalendar.civil(.now).year)
    }
}
