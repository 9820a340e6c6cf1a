public import ArgumentParser
import Foundation
import Logging
import PeixunCalendar
import PeixunCodec
public import PeixunDemo
import PeixunTransport
import ZeroMQ

extension DemoScale: ExpressibleByArgument {}

/// `peixun demo`: plays a city's training year against a running `peixun up` — the volume of a
/// year, as classes running today (docs/demo.md) — then asks reporting for the same totals and
/// fails loudly if they differ.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Drive a realistic training workload (town, county or city) through the services and check reporting's totals."
    )

    @Option(help: "How much to play: town (one town), county (a district with four towns) or city (Zhongshan).")
    var scale: DemoScale

    @Option(help: "The seed: the same seed makes the same city and commands (and repeating it on the same data changes nothing).")
    var seed: UInt64 = 1

    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @ArgumentParser.Flag(help: "Print the final comparison with reporting as one JSON object.")
    var json = false

    @Option(help: "Connections (DEALER sockets, one thread each) sending commands.")
    var connections = 4

    @Option(help: "Requests outstanding per connection.")
    var inFlight = 64

    @Option(help: "Seconds to wait for scoring and reporting to catch up.")
    var catchUpSeconds = 120

    @ArgumentParser.Flag(help: "Generate the city and print what would be driven, without sending anything.")
    var dryRun = false

    @OptionGroup var keys: KeyOptions

    @Option(
        name: .customLong("partitions"),
        help: "How the services are split, as given to them (e.g. enrollment=2,scoring=2): a split enrollment gets the roster a part per partition, and each phase waits for its partitions to have each other's events.")
    var partitions = ""

    func validate() throws {
        _ = try PartitionOptions.table(partitions)
    }

    func run() async throws {
        LoggingBootstrap.once(level: .warning)
        let started = WireTimestamp.now
        let year = ChinaCalendar.year(started)
        let model = CityGenerator.generate(scale: scale, seed: seed, year: year)
        if dryRun {
            let planned = DemoOutcome(driven: DemoTotals(model), commands: 0, drivingSeconds: 0, catchingUpSeconds: 0, waitingSeconds: 0, comparison: [])
            return StandardOutput.line(DemoSummary(model: model, outcome: planned).totalsText)
        }
        let options = DemoOptions(
            broker: broker, connections: connections, inFlight: inFlight, catchUp: .seconds(catchUpSeconds),
            curve: try keys.curve(), enrollmentPartitions: try PartitionOptions.table(partitions)["enrollment"] ?? 1)
        let outcome = try await DedicatedThread.run(name: "peixun-demo") {
            try DemoRun(model: model, started: started, options: options).perform()
        }
        let summary = DemoSummary(model: model, outcome: outcome)
        StandardOutput.line(json ? summary.json.rendered : summary.text)
        if let mismatch = summary.mismatch {
            FileHandle.standardError.write(Data("peixun demo: MISMATCH between the demo and reporting: \(mismatch)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// What a run measured: the driven totals, the time and the comparison with reporting.
struct DemoOutcome: Sendable {
    var driven: DemoTotals
    var commands: Int
    var drivingSeconds: Double
    /// From the last answer until every follower had applied every event (`CatchUp`).
    var catchingUpSeconds: Double
    /// From the last answer until reporting's figures matched (includes catching up).
    var waitingSeconds: Double
    var comparison: [FigureComparison]
}

/// The run itself, on the demo's own thread (it owns the sockets).
private struct DemoRun {
    let model: CityModel
    let started: WireTimestamp
    let options: DemoOptions

    func perform() throws -> DemoOutcome {
        let context = try ZMQContext()
        let progress = ProgressBar()
        progress.note("scale \(model.scale.rawValue), seed \(model.seed): \(model.members.count) members, \(model.classes.count) classes (codes \(model.prefix)-…)")
        let driver = DemoDriver(
            model: model, start: started, options: options, context: context, progress: progress, logger: Logger(label: "peixun.demo"))
        let clock = ContinuousClock()
        let driving = clock.now
        do {
            try driver.run()
        } catch let error as DemoError {
            throw CLIError("\(error)")
        }
        let drove = clock.now - driving
        progress.note("waiting for every service to apply every event (at most \(options.catchUp))")
        let caughtUp: Duration
        do {
            caughtUp = try CatchUp(context: context, broker: options.broker, curve: options.curve)
                .wait(within: options.catchUp) { _ in }
        } catch let error as DemoError {
            throw CLIError("\(error)")
        }
        progress.note("caught up in \(caughtUp); comparing with reporting's figures")
        let check = try ReportingCheck(
            context: context, broker: options.broker, curve: options.curve, rootCode: model.rootCode, started: started,
            year: model.year)
        let comparison = try check.compare(driver.driven, within: options.catchUp) { progress.note($0) }
        return DemoOutcome(
            driven: driver.driven, commands: driver.commandsSent, drivingSeconds: drove.inSeconds, catchingUpSeconds: caughtUp.inSeconds,
            waitingSeconds: (clock.now - driving - drove).inSeconds, comparison: comparison)
    }
}
