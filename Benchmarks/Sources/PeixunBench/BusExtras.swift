import Foundation

/// Part (b), continued: the bus through a broker with CURVE on every link, and latency at a paced
/// rate (with and without CURVE), each against the raw libzmq loop through the same broker.
enum BusExtras {
    struct Latency {
        var p50: Double
        var p99: Double
        var max: Double
    }

    static func curveMedian(_ r: Results, _ mode: String) -> Double {
        median(r.busRuns("bus.curve").filter { $0.mode == mode }.map(\.eventsPerSecond))
    }

    /// Medians over the rounds of one latency case (mode, with or without CURVE).
    static func latency(_ r: Results, _ mode: String, curve: Bool) -> Latency? {
        let runs = r.busRuns("bus.latency").filter { $0.mode == mode && ($0.fields["curve"] == "1") == curve }
        guard !runs.isEmpty else { return nil }
        func m(_ key: String) -> Double { median(runs.compactMap { Double($0.fields[key] ?? "") }) }
        return Latency(p50: m("p50_us"), p99: m("p99_us"), max: m("max_us"))
    }

    static func targets(_ r: Results) -> [Target] {
        let curve = r.busRuns("bus.curve")
        guard !curve.isEmpty else { return [] }
        let raw = curveMedian(r, "raw"), peixun = curveMedian(r, "peixun")
        let lost = curve.filter { $0.mode == "peixun" }.map(\.lost).reduce(0, +)
        let fraction = peixun / raw
        return [Target(
            name: "Bus events/s with CURVE on every link ≥ 60% of the raw loop through the same CURVE broker (medians), no loss",
            limit: "≥ \(fmt(raw * 0.6)) events/s", measured: "\(fmt(peixun)) events/s = \(percent(fraction)) of raw, \(lost) lost",
            met: fraction >= 0.6 && lost == 0,
            shortfall: fraction < 0.6 ? "missed by \(percent(0.6 - fraction, points: true))" : "missed: \(lost) events lost",
            profile: nil, note: "Not profiled: both sides pay the same CURVE encryption in libzmq.")]
    }

    static func section(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let curve = r.busRuns("bus.curve")
        if !curve.isEmpty {
            line("### (b) continued: the bus with CURVE")
            line()
            line("| round | raw events/s | Peixun events/s | Peixun lost | Peixun ÷ raw |")
            line("| --- | ---: | ---: | ---: | ---: |")
            for round in Set(curve.map(\.round)).sorted() {
                let raw = curve.first { $0.round == round && $0.mode == "raw" }, px = curve.first { $0.round == round && $0.mode == "peixun" }
                line("| \(round) | \(fmt(raw?.eventsPerSecond ?? .nan)) | \(fmt(px?.eventsPerSecond ?? .nan)) | \(px?.lost ?? -1) | "
                    + "\(percent((px?.eventsPerSecond ?? .nan) / (raw?.eventsPerSecond ?? .nan))) |")
            }
            line("| **median** | **\(fmt(curveMedian(r, "raw")))** | **\(fmt(curveMedian(r, "peixun")))** | | **\(percent(curveMedian(r, "peixun") / curveMedian(r, "raw")))** |")
            line()
            line("A second broker, `peixun broker --keys <folder>` (keys from `peixun keys --out <folder> --name bench`): its ROUTER, XSUB")
            line("and XPUB are CURVE servers and its ZAP handler admits the allow-listed `bench` key. The benchmark's PUB and SUB")
            line("connect as CURVE clients (`connect(_:curve:)`); \(fmt(Double(r.value("bus.curve_messages") ?? "") ?? .nan)) messages a run, otherwise as above.")
            line()
        }
        guard latency(r, "raw", curve: false) != nil else { return }
        let rate = r.value("bus.latency_rate") ?? "?"
        line("### (b) continued: latency, publisher → broker → subscriber")
        line()
        line("At a paced \(fmt(Double(rate) ?? .nan)) messages/s (a burst every millisecond), \(fmt(Double(r.value("bus.latency_messages") ?? "") ?? .nan)) messages a run, medians of \(r.value("bus.rounds") ?? "3") runs:")
        line()
        line("| case | p50 | p99 | max |")
        line("| --- | ---: | ---: | ---: |")
        for (mode, curve, label) in [("raw", false, "raw libzmq"), ("peixun", false, "Peixun"), ("raw", true, "raw libzmq, CURVE"), ("peixun", true, "Peixun, CURVE")] {
            guard let l = latency(r, mode, curve: curve) else { continue }
            line("| \(label) | \(fmt(l.p50, digits: 1)) µs | \(fmt(l.p99, digits: 1)) µs | \(fmt(l.max, digits: 1)) µs |")
        }
        line()
        line("Each message carries its send time from the monotonic clock (Peixun: the envelope's `time`, µs; raw: the payload's")
        line("first 8 bytes, ns); the subscriber (a thread of the same process) subtracts it on arrival. Both sockets on tcp loopback.")
        line()
    }
}
