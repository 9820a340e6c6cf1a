import Foundation

/// Part (d) of BENCHMARKS.md: the real enrollment service's commands per second, from the
/// `enrollment.*` lines run.sh records.
enum EnrollmentReport {
    static let limit = 20_000.0
    static let phases = [("enroll", "`Enroll`"), ("checkin", "`CheckIn`")]

    struct Phase {
        var runs: [Results.CommandRun]
        var rate: Double { median(runs.map(\.requestsPerSecond)) }
        var p50: Double { median(runs.map(\.p50)) }
        var p99: Double { median(runs.map(\.p99)) }
        var failures: Int { runs.map(\.failures).reduce(0, +) }
        /// Commands per transaction over all runs (ledger commands ÷ transactions).
        var groupSize: Double {
            let commands = runs.map(\.ledgerCommands).reduce(0, +), transactions = runs.map(\.transactions).reduce(0, +)
            return transactions > 0 ? commands / transactions : .nan
        }
    }

    static func phase(_ r: Results, _ name: String) -> Phase {
        Phase(runs: r.commandRuns("enrollment.run").filter { $0.phase == name })
    }

    static func clientsText(_ r: Results) -> String {
        "\(r.value("enrollment.clients") ?? "?") clients × \(r.value("enrollment.in_flight") ?? "?") in flight"
    }

    /// The same-run reference: part (c)'s loadtest median with as many clients (same broker path,
    /// a trivial durable command with one event).
    static func reference(_ r: Results) -> (rate: Double, clients: Int)? {
        guard let clients = Int(r.value("enrollment.clients") ?? "") else { return nil }
        let m = r.commandMedians("loadtest", clients: clients)
        return m.runs > 0 ? (m.rate, clients) : nil
    }

    static func targets(_ r: Results) -> [Target] {
        var targets: [Target] = []
        for (name, label) in phases {
            let p = phase(r, name)
            guard !p.runs.isEmpty else { continue }
            let versus = reference(r).map { ", \(percent(p.rate / $0.rate)) of loadtest" } ?? ""
            targets.append(Target(
                name: "\(label) commands/s through the broker (issue 4; real `peixun enrollment`, median)",
                limit: "≥ \(fmt(limit)) commands/s",
                measured: "\(fmt(p.rate)) commands/s (\(clientsText(r))), \(p.failures) failures\(versus)",
                met: p.rate >= limit && p.failures == 0,
                shortfall: p.rate < limit
                    ? "missed by \(fmt(limit - p.rate)) commands/s (\(percent(p.rate / limit)) of the target)"
                    : "missed: \(p.failures) failed commands",
                profile: nil,
                note: serviceCost(p) ?? "Not profiled by the run; section (d) shows the group-commit ratio and the part (c) loadtest rate next to it."))
        }
        return targets
    }

    /// The service process's CPU and I/O per command in this phase (medians over the runs), as
    /// the benchmark read them from /proc; nil when it was not given the pid.
    static func serviceCost(_ p: Phase) -> String? {
        func m(_ name: String) -> Double { median(p.runs.map { $0.service(name) }.filter(\.isFinite)) }
        let user = m("user_us"), system = m("sys_us")
        guard user.isFinite, system.isFinite else { return nil }
        let cpu = user + system
        let wall = p.rate > 0 ? 1e6 / p.rate : .nan
        return "Not profiled by the run (a profiler would slow the service it measures); instead the benchmark read the"
            + " `peixun enrollment` process's counters (`/proc/<pid>/stat`, `/proc/<pid>/io`) before and after the phase."
            + " Per command (medians of the runs): **\(fmt(cpu, digits: 1)) µs of CPU** (\(fmt(user, digits: 1)) µs user,"
            + " \(fmt(system, digits: 1)) µs kernel) against \(fmt(wall, digits: 1)) µs of wall clock per command at the median rate;"
            + " **\(fmt(m("written_b") / 1024, digits: 1)) KB written** in \(fmt(m("writes"), digits: 1)) write calls and"
            + " \(fmt(m("read_b") / 1024, digits: 1)) KB read: SQLite's WAL (mostly a random leaf page per command of the"
            + " indexes keyed by random uuids: the command ledger's, `check_ins`, `enrollments_active`) and its checkpoints,"
            + " every 10,000 pages; the writer's 64 MB page cache keeps pages from being read again (22 KB per `Enroll` with"
            + " SQLite's 2 MB). The zmq frames are a few hundred bytes. \(busy(cpu: cpu, wall: wall))"
            + " Commands per transaction: \(fmt(p.groupSize, digits: 1))."
    }

    /// Whether the service's CPU explains the rate (the machine has 2 cores, shared with the broker and the clients).
    static func busy(cpu: Double, wall: Double) -> String {
        guard cpu.isFinite, wall.isFinite, wall > 0 else { return "" }
        let share = cpu / wall
        return share >= 0.8
            ? "The service is CPU-bound: its CPU per command is \(fmt(share * 100, digits: 0))% of the wall clock per command."
            : "The service was busy \(fmt(share * 100, digits: 0))% of the wall clock (its worker thread also waits for each"
                + " group's fsync, and shares the 2 cores with the broker, the clients and whatever else runs)."
    }

    static func section(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        func ms(_ us: Double) -> String { us.isFinite ? String(format: "%.2f ms", us / 1000) : "n/a" }
        let all = r.commandRuns("enrollment.run")
        guard !all.isEmpty else { return }
        let members = Double(r.value("enrollment.members") ?? "") ?? .nan
        let ref = reference(r)
        line("## (d) Enrollment service commands")
        line()
        line("| phase | commands/s (median) | p50 latency | p99 latency | failures | commands per transaction | ÷ loadtest (c)\(ref.map { ", \($0.clients) clients" } ?? "") |")
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (name, label) in phases {
            let p = phase(r, name)
            guard !p.runs.isEmpty else { continue }
            let versus = ref.map { percent(p.rate / $0.rate) } ?? "n/a (part c not run)"
            line("| \(label) | \(fmt(p.rate)) | \(ms(p.p50)) | \(ms(p.p99)) | \(p.failures) | \(fmt(p.groupSize, digits: 1)) | \(versus) |")
        }
        line()
        if let ref {
            line("Reference from this run: part (c)'s loadtest with \(ref.clients) clients, \(fmt(ref.rate)) commands/s (median).")
            line()
        }
        for (name, label) in phases {
            let p = phase(r, name)
            guard let target = targets(r).first(where: { $0.name.hasPrefix(label) }) else { continue }
            line("Issue 4 target **≥ 20,000 \(label) commands/s**: \(target.met ? "**met**" : "**\(target.shortfall)**") (\(fmt(p.rate)) commands/s).")
        }
        line()
        let failureTexts = Set(all.compactMap(\.firstFailure))
        if !failureTexts.isEmpty {
            line("First failure seen: \(failureTexts.sorted().map { "`\($0)`" }.joined(separator: "; ")).")
            line()
        }
        line("Every run (commands/s; p50 / p99 latency; commands per transaction):")
        line()
        for (name, label) in phases {
            let these = all.filter { $0.phase == name }.sorted { $0.round < $1.round }
            let text = these.map {
                "\(fmt($0.requestsPerSecond)) (\(ms($0.p50)) / \(ms($0.p99)); \(fmt($0.ledgerCommands / $0.transactions, digits: 1)))"
            }.joined(separator: ", ")
            line("- \(label): \(text)")
        }
        let setups = r.values("enrollment.setup").compactMap { $0.split(separator: "seconds=").last.flatMap { Double($0) } }
        if !setups.isEmpty {
            line("- setup (not timed): \(setups.map { String(format: "%.1f s", $0) }.joined(separator: ", "))")
        }
        let stores = r.values("enrollment.store")
        if !stores.isEmpty {
            line("- each store after its run: \(stores.map { "`\($0.split(separator: " ").dropFirst().joined(separator: " "))`" }.joined(separator: "; "))")
        }
        line()
        line("Method:")
        line()
        line("- The broker of (b) and (c) (same process), plus a fresh `peixun enrollment --broker <requests> --publishers <publishers>")
        line("  --subscribers <subscribers> --data <fresh folder>` per run (the real service, built in release from the root")
        line("  sources with the broker; its defaults: `CommandWorker` credit 256, group commit with `synchronous=FULL`, check-in")
        line("  grace 15 minutes); the run waits for its ready line and stops it after the run.")
        line("- `peixun-bench enrollment <requests> \(fmt(members)) \(r.value("enrollment.in_flight") ?? "?") \(r.value("enrollment.clients") ?? "?")`.")
        line("  Setup, not timed, one command at a time through `CommandClient`, each answered `accepted`: `CreateOrganisation`")
        line("  中山市 (city) → 小榄镇 (town) → 4 village branches; `ImportRoster` of \(fmt(members)) members (category village,")
        line("  spread over the 4 branches) in commands of 2,000 rows; `AddCourse` (political theory, classroom, 2 credit hours);")
        line("  `AddInstructor`; `ScheduleClass` with one period from 24 h before to 24 h after the run, capacity \(fmt(members))")
        line("  (everyone gets a seat), no target group; `ScheduleLesson` from 10 minutes before to 60 minutes after, one venue.")
        line("- Timed, with part (c)'s pipelined clients (`Pipeline.swift`: a thread and a DEALER socket per client, up to")
        line("  \(r.value("enrollment.in_flight") ?? "?") requests outstanding each; `CommandRequest` bodies encoded before timing, one")
        line("  random command id each, requests dealt round robin over the clients): phase **`Enroll`**, one per member into")
        line("  period 1 (each runs the real rules: member, class and period lookups, open period, eligibility, not already")
        line("  enrolled, no overlapping period, duplicate training, lowest free seat, insert, `MemberEnrolled` into the outbox);")
        line("  then phase **`CheckIn`**, one per member to the lesson, method `roster`, source `bench-roster-<client>`")
        line("  (lesson and member lookups, repeat check, period open, seated, time window, venue, insert, `CheckedIn`).")
        line("  Every reply must be a `CommandReply` `accepted` for its command id; anything else is a failure. Before each")
        line("  phase every client has one warm-up answered (an `Enroll`/`CheckIn` of an unknown member, refused: no change).")
        line("- commands/s = accepted replies / (last reply − first send, over all clients); latency = send to reply.")
        line("- Commands per transaction: every command of one group commit is recorded in the service's command ledger")
        line("  (`peixun_commands`) with the transaction's time, so commands ÷ distinct times within the phase's wall-clock")
        line("  window is the average group size.")
        line("- \(r.value("enrollment.rounds") ?? "3") runs, each on a fresh store; medians reported.")
        line()
    }
}
