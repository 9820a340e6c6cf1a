import Foundation

extension EndToEndReport {
    /// Part (e): the reference, every scale's runs, each process's peak RSS and CPU, the rebuild;
    /// part (f): how the cost grows with the work.
    static func section(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let all = runs(r)
        guard !all.isEmpty else { return }
        line("## (e) End to end: a demo year through every service")
        line()
        let rates = raw(r)
        line("Reference from this run (`peixun-bench sqlite-raw`): \(fmt(rates["owner"] ?? .nan)) rows/s into an owner's store")
        line("(`synchronous=FULL`) and \(fmt(rates["projection"] ?? .nan)) rows/s into a projection's (`NORMAL`), 120-byte payloads")
        line("(the demo's events average 100–125 bytes), 1,000 rows per transaction. One event written to its owner and")
        line("\(fmt(storesPerEvent - 1)) followers would cost 1/FULL + \(fmt(storesPerEvent - 1))/NORMAL: **\(fmt(rawEventRate(r) ?? .nan)) events/s**; the target is half of that.")
        line()
        line("| scale | runs | commands | events | archive events | member-trainings | until all applied (median) | events/s | driving | catching up | figures match |")
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for scale in scales(r) {
            let these = all.filter { $0.scale == scale }
            func m(_ key: String) -> Double { median(these.map { $0.number(key) }) }
            line("| \(scale) | \(these.count) | \(fmt(m("commands"))) | \(fmt(m("events"))) | \(fmt(m("events_archive"))) | \(fmt(m("trainings"))) | "
                + "\(fmt(median(these.map(\.seconds)), digits: 1)) s | \(fmt(median(these.map(\.eventsPerSecond)))) | "
                + "\(fmt(m("driving_s"), digits: 1)) s | \(fmt(m("catchup_s"), digits: 1)) s | "
                + "\(these.filter { $0.fields["match"] == "true" }.count) of \(these.count) |")
        }
        line()
        processTable(r, &out)
        rebuildLines(r, &out)
        scaling(r, &out)
        method(r, &out)
    }

    static func processTable(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let procs = processes(r)
        let names = ["broker", "echo-worker"] + services + ["dashboard"]
        line("Each process (medians over a scale's runs): peak RSS (VmHWM) in MB / CPU seconds (user + system).")
        line()
        line("| scale | " + names.joined(separator: " | ") + " | `peixun demo` (the client) |")
        line("| --- |" + String(repeating: " ---: |", count: names.count + 1))
        for scale in scales(r) {
            let cells = names.map { name -> String in
                let these = procs.filter { $0.scale == scale && $0.name == name }
                return these.isEmpty ? "—" : "\(fmt(median(these.map(\.peakKB)) / 1024, digits: 1)) / \(fmt(median(these.map(\.cpuSeconds)), digits: 1))"
            }
            let these = runs(r).filter { $0.scale == scale }
            let demo = median(these.map { $0.number("demo_max_rss_kb") }) / 1024
            let demoCPU = median(these.map { $0.number("demo_user_s") + $0.number("demo_sys_s") })
            line("| \(scale) | " + cells.joined(separator: " | ") + " | \(fmt(demo, digits: 1)) / \(fmt(demoCPU, digits: 1)) |")
        }
        line()
    }

    static func rebuildLines(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let rebuilt = scales(r).compactMap { scale in rebuild(r, scale).map { (scale, $0) } }
        guard !rebuilt.isEmpty else { return }
        line("Reporting rebuilt from empty (first run of each scale: every process stopped, `reporting.sqlite` deleted, `peixun up`")
        line("again; from that start, start-up included, until `peixun status` shows every follower at the heads):")
        line()
        for (scale, f) in rebuilt {
            let seconds = Double(f["seconds"] ?? "") ?? .nan, applied = Double(f["reporting_applied"] ?? "") ?? .nan
            line("- \(scale): \(fmt(applied)) events applied in \(fmt(seconds, digits: 1)) s (\(fmt(applied / seconds)) events/s)")
        }
        line()
    }

    static func scaling(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        line("## (f) Scaling: how the cost grows with the work")
        line()
        line("CPU seconds per 1,000 events, per process (medians), and wall time per 1,000 events. Flat rows mean the cost")
        line("grows linearly with the work; a rising row, a cost that grows faster.")
        line()
        line("| scale | events | wall s / 1,000 events | " + services.joined(separator: " | ") + " | broker | `peixun demo` (the client) |")
        line("| --- | ---: | ---: |" + String(repeating: " ---: |", count: services.count + 2))
        for scale in scales(r) {
            let these = runs(r).filter { $0.scale == scale }
            let events = median(these.map(\.events))
            let cells = (services + ["broker"]).map { name -> String in
                let cpu = median(processes(r).filter { $0.scale == scale && $0.name == name }.map(\.cpuSeconds))
                return fmt(cpu / events * 1000, digits: 3)
            }
            let demoCPU = median(these.map { $0.number("demo_user_s") + $0.number("demo_sys_s") })
            line("| \(scale) | \(fmt(events)) | \(fmt(median(these.map(\.seconds)) / events * 1000, digits: 3)) | " + cells.joined(separator: " | ")
                + " | \(fmt(demoCPU / events * 1000, digits: 3)) |")
        }
        line()
    }

    static func method(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        line("Method (`Benchmarks/e2e.sh`):")
        line()
        line("- Each run: a fresh data folder; `peixun up --data <folder> --base-port 7570` (the broker, the echo worker,")
        line("  enrollment, scoring, reporting, archive and the dashboard, each its own process, durable SQLite stores), then")
        line("  `peixun demo --scale <scale> --seed \(r.value("e2e.seed") ?? "2024") --json` (4 connections × 64 commands in flight).")
        line("- **until all applied** = the demo's driving (first command to last answer) + its catching up (until `peixun")
        line("  status` — each service's `ShowStatus` — shows every follower's cursor at its owner's head). The demo then")
        line("  checks 18 of reporting's figures against what it drove (not timed here).")
        line("- **events** = the domain events: the heads of enrollment's and scoring's streams after the run (each written to its")
        line("  owner's store and applied by two or three followers). The archive's own `ArchiveEntryFiled` events (one per filed")
        line("  entry, column *archive events*) are further writes, not counted in events/s.")
        line("- Peak RSS from `/proc/<pid>/status` (VmHWM) and CPU from `/proc/<pid>/stat` of each child of `peixun up`,")
        line("  read after the run; the demo's from `/usr/bin/time`.")
        line()
    }
}
