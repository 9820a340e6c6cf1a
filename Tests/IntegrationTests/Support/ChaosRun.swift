import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunTestSupport
import PeixunTransport
import ZeroMQ

/// One run of `peixun up` + `peixun demo` on a fresh data folder, with faults injected into
/// `up`'s children while the demo runs, and a summary of the stores afterwards.
struct ChaosRun {
    /// A fault: SIGKILL a child of `up` (which restarts it), or SIGSTOP it for 5 s then SIGCONT.
    struct Fault: Sendable {
        enum Kind: String, Sendable { case kill = "SIGKILL", pause = "SIGSTOP 5 s" }
        var kind: Kind
        /// The child's subcommand: broker, enrollment, scoring, reporting, archive, dashboard.
        var target: String
        /// Injected once enrollment and scoring have committed this many events together (the
        /// streams the demo's commands write).
        var afterEvents: Int

        /// Each process type killed once and reporting paused once, in a seeded order, at seeded
        /// moments spread over the first four fifths of the demo's commands (measured in events
        /// they committed, so a slow machine moves the moments with the work, not with the clock). The broker
        /// comes last: after its restart the demo waits out its commands' deadline (30 s) with
        /// nothing in flight, and faults in that lull would hit an idle system.
        static func schedule(seed: UInt64, events: Int) -> [Fault] {
            var random = SplitMix64(seed: seed)
            let kinds: [(Kind, String)] =
                ["enrollment", "scoring", "archive", "reporting", "dashboard"].map { (.kill, $0) }
                + [(.pause, "reporting")]
            let order = kinds.shuffled(using: &random) + [(.kill, "broker")]
            return order.enumerated().map { index, fault in
                let fraction = 0.05 + 0.75 * (Double(index) + Double.random(in: 0..<1, using: &random)) / Double(order.count)
                return Fault(kind: fault.0, target: fault.1, afterEvents: Int(Double(events) * fraction))
            }
        }
    }

    struct Outcome: Sendable {
        var fault: Fault
        /// From the demo's start to the injection.
        var into: Duration
        /// From the kill (or the SIGCONT) until the process serves again; nil if it did not.
        var recoveredAfter: Duration?
        var outcome: String
    }

    var outcomes: [Outcome] = []
    var demoDuration: Duration = .zero
    var match = false
    /// Each figure's reporting value.
    var figures: [String: Int] = [:]
    /// What the demo drove (its `driven` totals).
    var driven: [String: Int] = [:]
    var archiveIntact = false
    var summary = StoreSummary()

    // MARK: - Running

    static func run(scale: String, seed: Int, faults: [Fault]) async throws -> ChaosRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-chaos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try LoopbackPorts.freeBlock()
        let broker = "tcp://127.0.0.1:\(base)"
        let county = scale != "town"
        let up = try PeixunProcess(["up", "--data", folder.path, "--base-port", "\(base)"])
        defer { kill(up.process.processIdentifier, SIGTERM) }
        try await up.waitForLine(startingWith: "Press Ctrl-C to stop.", within: .seconds(300))

        var run = ChaosRun()
        let clock = ContinuousClock()
        let started = clock.now
        let demo = try PeixunProcess(
            ["demo", "--scale", scale, "--seed", "\(seed)", "--broker", broker, "--json"]
                + (county ? ["--catch-up-seconds", "900"] : []))
        // When the demo exits (the faults may still be recovering then).
        let ended = Task {
            try await eventually(within: .seconds(county ? 1_200 : 300), "the demo to exit") {
                demo.process.isRunning ? nil : clock.now - started
            }
        }
        var published = 0
        var injections: [(target: String, task: Task<Outcome, any Error>)] = []
        for fault in faults {
            // Wait for the fault's moment (or the demo's end: then the fault still comes, after it).
            try await eventually(within: .seconds(county ? 1_200 : 300), "\(fault.afterEvents) events published") { () async -> Bool? in
                if !demo.process.isRunning { return true }
                published = max(published, await drivenEvents(broker))
                return published >= fault.afterEvents ? true : nil
            }
            // Faults overlap (each recovers in its own task), but one target's wait for each other:
            // a SIGCONT must not reach a pid that a kill freed.
            let previous = injections.last { $0.target == fault.target }?.task
            _ = await previous?.result
            let into = clock.now - started
            let running = demo.process.isRunning
            injections.append((fault.target, Task { try await inject(fault, up: up, broker: broker, base: base, into: into, demoRunning: running) }))
        }
        for injection in injections { run.outcomes.append(try await injection.task.value) }
        let exit = try await demo.waitForExit(within: .seconds(county ? 1_200 : 300))
        run.demoDuration = try await ended.value
        guard exit == 0 else { throw IntegrationError("the demo failed (\(exit)): \(demo.standardError.suffix(3_000))") }
        try run.read(demoOutput: demo.standardOutput)

        // Every follower at every head, then stop everything and read the files.
        try await eventually(within: .seconds(300), "every follower to reach every head") { () async -> Bool? in
            guard let status = await systemStatus(broker) else { return nil }
            let answered = status.services.allSatisfy { (try? $0.status.get()) != nil }
            return answered && status.quiescent ? true : nil
        }
        let upExit = try await up.stop(within: .seconds(60))
        guard upExit == 0 else { throw IntegrationError("peixun up exited \(upExit): \(up.standardError.suffix(3_000))") }
        let verify = try PeixunProcess(["archive", "verify", "--data", folder.path])
        run.archiveIntact = try await verify.waitForExit(within: .seconds(300)) == 0
        run.summary = try StoreSummary(folder: folder)
        return run
    }

    mutating func read(demoOutput: String) throws {
        guard let json = try JSONSerialization.jsonObject(with: Data(demoOutput.utf8)) as? [String: Any] else {
            throw IntegrationError("the demo printed no JSON object: \(demoOutput)")
        }
        match = json["match"] as? Bool == true
        for figure in json["figures"] as? [[String: Any]] ?? [] {
            if let name = figure["figure"] as? String { figures[name] = figure["reporting"] as? Int ?? -1 }
        }
        driven = json["driven"] as? [String: Int] ?? [:]
    }

    /// Events committed on enrollment's and scoring's streams, asked of each with a short
    /// timeout (0 for one that does not answer: a fault's moment must not wait for a dead
    /// service's timeouts, as `SystemStatus` would).
    static func drivenEvents(_ broker: String) async -> Int {
        (try? await DedicatedThread.run(name: "chaos-progress") {
            let queries = try QueryClient(context: try ZMQContext(), broker: broker)
            return StoreSummary.driven.reduce(0) { total, service in
                guard let answer = try? queries.ask(ShowStatus(), service: service, timeout: .milliseconds(500), attempts: 1),
                    answer.status == .accepted, let view = try? ServiceStatusView(decoding: answer.result)
                else { return total }
                return total + view.streams.reduce(0) { $0 + Int($1.head) }
            }
        }) ?? 0
    }

    /// `SystemStatus` gathered in this process (nil while the broker does not answer).
    static func systemStatus(_ broker: String) async -> SystemStatus? {
        try? await DedicatedThread.run(name: "chaos-status") {
            try SystemStatus.gather(broker: broker, context: try ZMQContext())
        }
    }

    static func inject(_ fault: Fault, up: PeixunProcess, broker: String, base: Int, into: Duration, demoRunning: Bool) async throws -> Outcome {
        let when = demoRunning ? "" : " (after the demo ended)"
        guard let victim = children(of: up.process.processIdentifier)[fault.target] else {
            return Outcome(fault: fault, into: into, recoveredAfter: nil, outcome: "no \(fault.target) process to signal")
        }
        let clock = ContinuousClock()
        switch fault.kind {
        case .kill:
            kill(victim, SIGKILL)
        case .pause:
            kill(victim, SIGSTOP)
            // The fault itself lasts 5 s; nothing is waited for here.
            try await Task.sleep(for: .seconds(5))
            kill(victim, SIGCONT)
        }
        let signalled = clock.now
        let recovered: Duration? = try? await eventually(within: .seconds(120), "\(fault.target) to serve again") { () async -> Duration? in
            guard let pid = children(of: up.process.processIdentifier)[fault.target],
                fault.kind == .pause || pid != victim
            else { return nil }
            return await serves(fault.target, broker: broker, base: base) ? clock.now - signalled : nil
        }
        let now = children(of: up.process.processIdentifier)[fault.target].map(String.init) ?? "none"
        let outcome = switch (fault.kind, recovered) {
        case (.kill, .some): "restarted by up, pid \(victim) → \(now)\(when)"
        case (.pause, .some): "resumed, serving again\(when)"
        case (_, .none): "NOT serving after 120 s\(when)"
        }
        return Outcome(fault: fault, into: into, recoveredAfter: recovered, outcome: outcome)
    }

    /// The process answers: the broker its status, a service its `ShowStatus`, the dashboard HTTP.
    static func serves(_ target: String, broker: String, base: Int) async -> Bool {
        switch target {
        case "dashboard":
            return (try? await LoopbackHTTP.get("http://127.0.0.1:\(base + 10)", "/")) != nil
        case "broker":
            return await systemStatus(broker) != nil
        default:
            guard let status = await systemStatus(broker) else { return false }
            return status.services.contains { $0.name == target && (try? $0.status.get()) != nil }
        }
    }

    /// `up`'s children by subcommand (`peixun <subcommand> …`), from /proc (PPid in each stat).
    static func children(of parent: pid_t) -> [String: pid_t] {
        var children: [String: pid_t] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), ProcStat(pid)?.parent == parent,
                let cmdline = ProcStat.read("/proc/\(pid)/cmdline")
            else { continue }
            let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.count > 1 { children[arguments[1]] = pid }
        }
        return children
    }

    // MARK: - Comparing

    /// What two runs of the same scale and seed must share, whatever their faults. Ids (uuids)
    /// and times differ between any two runs, so rows are counted, not compared byte for byte,
    /// except the archive's entries, which are compared by content through codes.
    struct StoreSummary: Sendable {
        /// "store.table" → rows, every table of every store but the command ledger (whose rows
        /// include the demo's retries of "not yet" refusals under new ids: timing, not content).
        var rows: [String: Int] = [:]
        /// "store: stream" → the outbox's highest sequence (its head).
        var heads: [String: Int] = [:]
        /// Every outbox stream holds exactly 1…head.
        var gapFree = true
        /// "member number/lane" → archive entries.
        var chains: [String: Int] = [:]
        /// Every archive entry as "member|lane|kind|class|course|hours|score|passed", sorted.
        var archiveEntries: [String] = []

        var totalEvents: Int { heads.values.reduce(0, +) }
        /// Events of the streams the demo's commands write.
        var drivenEvents: Int { heads.filter { Self.driven.contains(String($0.key.prefix { $0 != ":" })) }.values.reduce(0, +) }

        static let stores = ["enrollment", "scoring", "reporting", "archive"]
        static let driven: Set<String> = ["enrollment", "scoring"]

        init() {}

        init(folder: URL) throws {
            for store in Self.stores {
                var configuration = Configuration()
                configuration.readonly = true
                let queue = try DatabaseQueue(
                    path: folder.appendingPathComponent("\(store).sqlite").path, configuration: configuration)
                try queue.read { db in
                    let tables = try String.fetchAll(
                        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'peixun_commands'")
                    for table in tables {
                        rows["\(store).\(table)"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
                    }
                    for row in try Row.fetchAll(db, sql: "SELECT stream, count(*) AS n, max(sequence) AS head FROM peixun_outbox GROUP BY stream") {
                        let stream: String = row["stream"]
                        heads["\(store): \(stream)"] = row["head"]
                        if row["n"] as Int != row["head"] as Int { gapFree = false }
                    }
                    if store == "archive" {
                        for row in try Row.fetchAll(db, sql: """
                            SELECT m.number, e.lane, count(*) AS n FROM entries e JOIN members m ON m.id = e.member_id
                            GROUP BY m.number, e.lane
                            """)
                        {
                            chains["\(row["number"] as String)/\(row["lane"] as Int)"] = row["n"]
                        }
                        archiveEntries = try String.fetchAll(db, sql: """
                            SELECT m.number || '|' || e.lane || '|' || e.kind || '|' || coalesce(c.code, '?') || '|'
                                || coalesce(k.code, '?') || '|' || e.credit_hours || '|' || coalesce(e.score, '') || '|'
                                || coalesce(e.passed, '')
                            FROM entries e JOIN members m ON m.id = e.member_id
                            LEFT JOIN classes c ON c.id = e.class_id LEFT JOIN courses k ON k.id = e.course_id
                            """
                        ).sorted()
                    }
                }
            }
        }
    }

    // MARK: - Reporting

    static func table(scale: String, seed: Int, calm: ChaosRun, rough: ChaosRun) -> String {
        func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return String(format: "%.1f", value)
        }
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = [
            "chaos: \(scale) scale, seed \(seed); demo \(seconds(calm.demoDuration)) s without faults, \(seconds(rough.demoDuration)) s with",
            pad("fault", 13) + pad("target", 12) + pad("at (s)", 8) + pad("recovered after (s)", 21) + "outcome",
        ]
        for outcome in rough.outcomes {
            lines.append(
                pad(outcome.fault.kind.rawValue, 13) + pad(outcome.fault.target, 12) + pad(seconds(outcome.into), 8)
                    + pad(outcome.recoveredAfter.map(seconds) ?? "-", 21) + outcome.outcome)
        }
        let equalRows = calm.summary.rows.filter { rough.summary.rows[$0.key] == $0.value }.count
        lines.append(
            "figures: \(rough.figures == calm.figures && rough.match ? "all \(rough.figures.count) equal and match reporting" : "DIFFER")"
                + "; tables: \(equalRows) of \(calm.summary.rows.count) with equal row counts"
                + "; stream heads \(rough.summary.heads == calm.summary.heads ? "equal" : "DIFFER") (\(rough.summary.totalEvents) events)"
                + "; archive \(rough.archiveIntact ? "verifies" : "BROKEN"), \(rough.summary.archiveEntries.count) entries"
                + " \(rough.summary.archiveEntries == calm.summary.archiveEntries ? "equal by content" : "DIFFER")")
        return lines.joined(separator: "\n")
    }
}
