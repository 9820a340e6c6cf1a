import Foundation

/// Parts (e) and (f) of BENCHMARKS.md: a demo year through every service as separate processes
/// (Benchmarks/e2e.sh), at each scale, against raw SQLite inserts measured in the same run; and
/// the request path with two workers (part (c)'s `echo-2w` runs).
enum EndToEndReport {
    /// Each event is written to about this many stores: its owner's (FULL) and three followers'
    /// (NORMAL): enrollment's events reach scoring, reporting and archive; scoring's reach two.
    static let storesPerEvent = 4.0
    static let rssLimitKB = 50.0 * 1024
    static let rebuildLimit = 1_000_000.0 / 5.0
    static let requestLimit = 50_000.0
    static let services = ["enrollment", "scoring", "reporting", "archive"]

    struct Run {
        var scale: String
        var round: Int
        var fields: [String: String]
        func number(_ key: String) -> Double { Double(fields[key] ?? "") ?? .nan }
        /// From the first command to the moment every follower had applied every event.
        var seconds: Double { number("driving_s") + number("catchup_s") }
        var events: Double { number("events") }
        var eventsPerSecond: Double { events / seconds }
    }

    struct Process {
        var scale: String
        var round: Int
        var name: String
        var peakKB: Double
        var cpuSeconds: Double
    }

    static func runs(_ r: Results) -> [Run] {
        r.values("e2e.run").compactMap { value in
            let parts = value.split(separator: " ")
            guard parts.count > 2, let round = Int(parts[1]) else { return nil }
            return Run(scale: String(parts[0]), round: round, fields: keyValueFields(parts.dropFirst(2)))
        }
    }

    static func processes(_ r: Results) -> [Process] {
        r.values("e2e.process").compactMap { value in
            let parts = value.split(separator: " ")
            guard parts.count > 2, let round = Int(parts[1]) else { return nil }
            let f = keyValueFields(parts.dropFirst(2))
            return Process(
                scale: String(parts[0]), round: round, name: f["name"] ?? "?", peakKB: Double(f["hwm_kb"] ?? "") ?? .nan,
                cpuSeconds: Double(f["cpu_s"] ?? "") ?? .nan)
        }
    }

    /// Raw rows/s by durability (`owner`, `projection`).
    static func raw(_ r: Results) -> [String: Double] {
        var rates: [String: Double] = [:]
        for value in r.values("e2e.raw") {
            let f = keyValueFields(value.split(separator: " "))
            if let d = f["durability"], let rate = Double(f["rows_per_s"] ?? "") { rates[d] = rate }
        }
        return rates
    }

    /// Raw events/s if each event were one owner row (FULL) and three projection rows (NORMAL).
    static func rawEventRate(_ r: Results) -> Double? {
        let rates = raw(r)
        guard let full = rates["owner"], let normal = rates["projection"] else { return nil }
        return 1 / (1 / full + (storesPerEvent - 1) / normal)
    }

    static func rebuild(_ r: Results, _ scale: String) -> [String: String]? {
        r.values("e2e.rebuild").first { $0.hasPrefix(scale + " ") }.map { keyValueFields($0.split(separator: " ").dropFirst()) }
    }

    static var scaleOrder: [String] { ["town", "county", "city"] }

    static func scales(_ r: Results) -> [String] {
        let present = Set(runs(r).map(\.scale))
        return scaleOrder.filter(present.contains) + present.subtracting(scaleOrder).sorted()
    }

    static func targets(_ r: Results) -> [Target] {
        var targets: [Target] = []
        let two = r.commandMedians("echo-2w", clients: 4)
        if two.runs > 0 {
            targets.append(Target(
                name: "Request path with 2 workers (issue 8; `echo`, 4 clients × 64 in flight, median)",
                limit: "≥ \(fmt(requestLimit)) requests/s", measured: "\(fmt(two.rate)) requests/s, \(two.failures) failures",
                met: two.rate >= requestLimit && two.failures == 0,
                shortfall: "missed by \(fmt(requestLimit - two.rate)) requests/s (\(percent(two.rate / requestLimit)) of the target)",
                profile: nil, note: "Not profiled by the run; see part (c)."))
        }
        let all = runs(r)
        guard let largest = scales(r).last, let rawRate = rawEventRate(r) else { return targets }
        let these = all.filter { $0.scale == largest }
        let rate = median(these.map(\.eventsPerSecond)), limit = rawRate / 2
        targets.append(Target(
            name: "End to end, \(largest) scale: events/s until every service applied everything ≥ ½ × raw SQLite ÷ \(fmt(storesPerEvent)) stores (issue 8)",
            limit: "≥ \(fmt(limit)) events/s",
            measured: "\(fmt(rate)) events/s (\(fmt(median(these.map(\.events)))) events in \(fmt(median(these.map(\.seconds)), digits: 1)) s)",
            met: rate >= limit && these.allSatisfy { $0.fields["match"] == "true" },
            shortfall: rate < limit ? "missed: \(percent(rate / limit)) of the target" : "missed: a figure did not match",
            profile: nil, note: "Where the time goes is in part (e): each process's CPU seconds per 1,000 events."))
        let peaks = processes(r).filter { $0.scale == largest && services.contains($0.name) }
        if let worst = peaks.max(by: { $0.peakKB < $1.peakKB }) {
            targets.append(Target(
                name: "Peak RSS per service, \(largest) scale (issue 8)", limit: "≤ 50 MB",
                measured: "largest: \(worst.name) \(fmt(worst.peakKB / 1024, digits: 1)) MB",
                met: worst.peakKB <= rssLimitKB, shortfall: "missed: \(worst.name) peaked at \(fmt(worst.peakKB / 1024, digits: 1)) MB",
                profile: nil, note: "RSS counts ~30 MB of shared, file-backed pages (the peixun binary, the Swift runtime, Foundation) that every process maps; the rest is each writer's SQLite page cache (8 MB, `PEIXUN_SQLITE_CACHE_MB`), reader caches, the SUB socket's queue (10,000 events) and the Swift heap."))
        }
        if let rebuilt = rebuild(r, largest), let seconds = Double(rebuilt["seconds"] ?? ""), let applied = Double(rebuilt["reporting_applied"] ?? "") {
            let rate = applied / seconds
            targets.append(Target(
                name: "Reporting rebuilt from empty, \(largest) scale: events/s (1 million in ≤ 5 s; issue 8)", limit: "≥ \(fmt(rebuildLimit)) events/s",
                measured: "\(fmt(applied)) events in \(fmt(seconds, digits: 1)) s = \(fmt(rate)) events/s", met: rate >= rebuildLimit,
                shortfall: "missed: \(percent(rate / rebuildLimit)) of the target", profile: nil,
                note: "Measured from the restart of every process (start-up included) to reporting's cursors at the heads."))
        }
        return targets
    }
}
