import Foundation

/// `report <results> [--missed|--profiles]`: turns what run.sh measured into BENCHMARKS.md (on
/// stdout), or with `--missed` lists the targets that were missed (one per line: a codec
/// `<family>/<case>` or `bus`), so run.sh knows what to profile; `--profiles` lists every target's
/// profile, met or not (PROFILE_ALL=1).
enum Report {
    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else { fail("usage: report <results-file> [--missed]") }
        let results = try Results(path: path)
        let evaluation = Evaluation(results)
        if arguments.contains("--missed") || arguments.contains("--profiles") {
            let all = arguments.contains("--profiles")
            for target in evaluation.targets where all || !target.met {
                if let profile = target.profile { print(profile) }
            }
            return
        }
        print(Markdown(results: results, evaluation: evaluation).render(), terminator: "")
    }
}

// MARK: - Reading run.sh's results file

/// Lines of `key value…`; a key may repeat (bus runs).
struct Results {
    var lines: [(key: String, value: String)] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let key = parts.first else { continue }
            lines.append((String(key), parts.count > 1 ? String(parts[1]) : ""))
        }
    }

    func value(_ key: String) -> String? { lines.first { $0.key == key }?.value }
    func values(_ key: String) -> [String] { lines.filter { $0.key == key }.map(\.value) }
    func numbers(_ key: String) -> [Double] {
        (value(key) ?? "").split(separator: " ").compactMap { Double($0) }
    }

    /// (count2 − count1) / (n2 − n1) from a `n1 count1 n2 count2` line.
    func differenced(_ key: String) -> Double? {
        let v = numbers(key)
        guard v.count == 4, v[2] > v[0] else { return nil }
        return (v[3] - v[1]) / (v[2] - v[0])
    }

    func instructions(_ c: String) -> Double { differenced("instr.\(c)") ?? .nan }
    func allocations(_ c: String) -> Double { differenced("allocs.\(c)") ?? .nan }
    func size(_ name: String) -> Int { Int(value("size.\(name)") ?? "") ?? 0 }

    /// The median from a `wall.<case>` line: `iterations s1 s2 … median m`.
    func wallMedian(_ c: String) -> Double {
        let parts = (value("wall.\(c)") ?? "").split(separator: " ")
        guard let i = parts.firstIndex(of: "median"), i + 1 < parts.count else { return .nan }
        return Double(parts[i + 1]) ?? .nan
    }

    func wallSamples(_ c: String) -> [Double] {
        let parts = (value("wall.\(c)") ?? "").split(separator: " ")
        return parts.dropFirst().prefix { $0 != "median" }.compactMap { Double($0) }
    }

    struct BusRun {
        var round: Int
        var mode: String
        var fields: [String: String]
        var eventsPerSecond: Double { Double(fields["events_per_s"] ?? "") ?? 0 }
        var lost: Int { Int(fields["lost"] ?? "") ?? -1 }
        var outOfOrder: Int { Int(fields["out_of_order"] ?? "") ?? -1 }
    }

    var busRuns: [BusRun] { busRuns("bus.run") }

    /// Lines of `round key=value…` under `key`: part (b)'s throughput runs (`bus.run`), its runs
    /// through the CURVE broker (`bus.curve`) and its paced latency runs (`bus.latency`).
    func busRuns(_ key: String) -> [BusRun] {
        values(key).compactMap { line in
            let parts = line.split(separator: " ")
            guard let round = Int(parts.first ?? "") else { return nil }
            let fields = keyValueFields(parts.dropFirst())
            guard let mode = fields["mode"] else { return nil }
            return BusRun(round: round, mode: mode, fields: fields)
        }
    }

    func busMedian(_ mode: String) -> Double { median(busRuns.filter { $0.mode == mode }.map(\.eventsPerSecond)) }

    struct CommandRun {
        var round: Int
        var fields: [String: String]
        var service: String { fields["service"] ?? "?" }
        var clients: Int { Int(fields["clients"] ?? "") ?? 0 }
        var requestsPerSecond: Double { Double(fields["requests_per_s"] ?? "") ?? 0 }
        var p50: Double { Double(fields["p50_us"] ?? "") ?? .nan }
        var p99: Double { Double(fields["p99_us"] ?? "") ?? .nan }
        var failures: Int { Int(fields["failures"] ?? "") ?? -1 }
        var firstFailure: String? { fields["first_failure"].flatMap { $0 == "-" ? nil : $0.replacingOccurrences(of: "_", with: " ") } }
        /// Part (d): the phase, and the commands and transactions its store's ledger shows.
        var phase: String { fields["phase"] ?? "?" }
        var ledgerCommands: Double { Double(fields["ledger_commands"] ?? "") ?? .nan }
        var transactions: Double { Double(fields["transactions"] ?? "") ?? .nan }
        /// Part (d): the service process's CPU and I/O per command during the phase.
        func service(_ name: String) -> Double { Double(fields["service_\(name)"] ?? "") ?? .nan }
    }

    var commandRuns: [CommandRun] { commandRuns("commands.run") }

    /// Lines of `round key=value…` under `key` (part c's runs, or part d's phases).
    func commandRuns(_ key: String) -> [CommandRun] {
        values(key).compactMap { line in
            let parts = line.split(separator: " ")
            guard let round = Int(parts.first ?? "") else { return nil }
            let fields = keyValueFields(parts.dropFirst())
            return CommandRun(round: round, fields: fields)
        }
    }

    /// Medians of one case (service, clients): requests/s, p50 µs, p99 µs; failures summed over rounds.
    func commandMedians(_ service: String, clients: Int) -> (rate: Double, p50: Double, p99: Double, failures: Int, runs: Int) {
        let runs = commandRuns.filter { $0.service == service && $0.clients == clients }
        return (
            median(runs.map(\.requestsPerSecond)), median(runs.map(\.p50)), median(runs.map(\.p99)),
            runs.map(\.failures).reduce(0, +), runs.count
        )
    }
}

// MARK: - Targets

struct Target {
    var name: String
    var limit: String
    var measured: String
    var met: Bool
    /// How far off, when missed.
    var shortfall: String
    /// What run.sh profiles when missed (`nil`: nothing to profile).
    var profile: String?
    /// Said under "Where the time goes" when missed and not profiled.
    var note: String? = nil
}

struct Evaluation {
    var targets: [Target] = []

    init(_ r: Results) {
        targets += CodecReport.targets(r)
        let raw = r.busMedian("raw")
        let peixun = r.busMedian("peixun")
        let lost = r.busRuns.filter { $0.mode == "peixun" }.map(\.lost).reduce(0, +)
        let fraction = peixun / raw
        if !r.busRuns.isEmpty { targets.append(Target(
            name: "Bus events/s ≥ 60% of the raw libzmq loop (medians), no loss",
            limit: "≥ \(fmt(raw * 0.6)) events/s", measured: "\(fmt(peixun)) events/s = \(percent(fraction)) of raw, \(lost) lost",
            met: fraction >= 0.6 && lost == 0,
            shortfall: fraction < 0.6
                ? "missed by \(percent(0.6 - fraction, points: true)) (\(fmt(raw * 0.6 - peixun)) events/s)"
                : "missed: \(lost) events lost",
            profile: "bus")) }
        targets += BusExtras.targets(r)
        let commandRuns = r.commandRuns.filter { $0.service == "loadtest" }
        if !commandRuns.isEmpty {
            // The better of the 1- and 4-client medians: the target is what the owner can take.
            let cases = [1, 4].map { (clients: $0, m: r.commandMedians("loadtest", clients: $0)) }.filter { $0.m.runs > 0 }
            let best = cases.max { $0.m.rate < $1.m.rate }!
            let failures = cases.map(\.m.failures).reduce(0, +)
            let limit = 20_000.0
            let rate = best.m.rate
            targets.append(Target(
                name: "Durable commands/s through the broker (issue 4; loadtest owner, 1 event per command, median)",
                limit: "≥ \(fmt(limit)) commands/s",
                measured: "\(fmt(rate)) commands/s (\(best.clients) client\(best.clients == 1 ? "" : "s") × \(r.value("commands.in_flight") ?? "?") in flight), \(failures) failures",
                met: rate >= limit && failures == 0,
                shortfall: rate < limit
                    ? "missed by \(fmt(limit - rate)) commands/s (\(percent(rate / limit)) of the target)"
                    : "missed: \(failures) failed commands",
                profile: nil,
                note: "Not profiled; section (c) puts the request path without a store (echo) next to it for reference."))
        }
        targets += EnrollmentReport.targets(r)
        targets += EndToEndReport.targets(r)
    }
}

// MARK: - callgrind_annotate output

/// Self cost per function from `callgrind_annotate --inclusive=no` (already demangled), summed
/// over the files a function's lines are attributed to.
struct Profile {
    var total: Double = 0
    var functions: [String: Double] = [:]

    init?(path: String?) {
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var inTable = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("PROGRAM TOTALS") {
                total = Double(line.split(separator: " ").first?.replacingOccurrences(of: ",", with: "") ?? "") ?? 0
                continue
            }
            if line.hasPrefix("Ir") && line.contains("file:function") { inTable = true; continue }
            guard inTable, let first = line.first, first.isNumber else { continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let cost = Double(parts[0].replacingOccurrences(of: ",", with: "")) else { continue }
            var rest = String(parts[1])
            if let close = rest.range(of: ")") { rest = String(rest[close.upperBound...]).trimmingCharacters(in: .whitespaces) }
            // Drop the trailing " [object]".
            if rest.hasSuffix("]"), let open = rest.range(of: " [/", options: .backwards) { rest = String(rest[..<open.lowerBound]) }
            // "file:function": the file has no colon.
            if let colon = rest.firstIndex(of: ":") { rest = String(rest[rest.index(after: colon)...]) }
            functions[Profile.simplify(rest), default: 0] += cost
        }
    }

    /// Drops specialization prefixes and truncates very long (C++) names.
    static func simplify(_ name: String) -> String {
        var s = name
        var changed = true
        while changed {
            changed = false
            for prefix in ["generic specialization <", "function signature specialization <", "merged ", "outlined "] {
                guard s.hasPrefix(prefix) else { continue }
                if prefix.hasSuffix("<") {
                    var depth = 0
                    var index = s.startIndex
                    while index < s.endIndex {
                        if s[index] == "<" { depth += 1 }
                        if s[index] == ">" { depth -= 1; if depth == 0 { break } }
                        index = s.index(after: index)
                    }
                    guard index < s.endIndex else { break }
                    var rest = String(s[s.index(after: index)...])
                    if rest.hasPrefix(" of ") { rest.removeFirst(4) }
                    s = rest
                } else {
                    s.removeFirst(prefix.count)
                }
                changed = true
            }
        }
        if s.count > 110 { s = String(s.prefix(107)) + "…" }
        return s
    }

    func top(_ n: Int) -> [(name: String, cost: Double)] {
        functions.sorted { $0.value > $1.value }.prefix(n).map { ($0.key, $0.value) }
    }
}

/// Short notes on functions that show up in the Peixun profiles.
func explanation(for function: String) -> String? {
    let notes: [(String, String)] = [
        ("isValidMultibyte", "PeixunCodec's strict UTF-8 check, byte by byte once it meets a non-ASCII byte (Chinese text: 3-byte sequences)"),
        ("UTF8Validation.isValid", "PeixunCodec's UTF-8 check, ASCII fast path"),
        ("_fromUTF8Repairing", "the standard library validating the same bytes again inside `String(decoding:)` (owned strings are checked twice)"),
        ("_uncheckedFromUTF8", "the standard library building the String storage"),
        ("init(fieldsFrom:)", "the generated field-by-field reader (one call per field plus the field-index bookkeeping for error paths)"),
        ("encodeFields(into:)", "the generated field-by-field writer"),
        ("UUIDCodec", "uuid fields, each an out-of-line call"),
        ("readVarintSlow", "varints of two or more bytes (body lengths over 127 B, envelope sequences over 127)"),
        ("readVarint", "one-byte varints (lengths, seat, list count, enum values)"),
        ("readRegion", "length-prefixed string regions: bounds and limit checks"),
        ("StringViewCodec", "string field reads (validation is listed separately)"),
        ("WireReader.listViewField", "a list: every element checked eagerly, kept as a re-readable view"),
        ("WireReader.listField", "a list: an array allocated per decode"),
        ("WireWriter.listField", "a list: count and elements"),
        ("readMessage", "header, type id and trailing-bytes checks"),
        ("writeRaw", "a length prefix and a copy of the string bytes"),
        ("writeStringBytes", "the string limit check before `writeRaw`"),
        ("writeString", "getting a String's contiguous UTF-8 (`withContiguousStorageIfAvailable`)"),
        ("writeStruct", "a length-prefixed body: written, then moved right when its length needs 2+ bytes"),
        ("writeLengthPrefixed", "a length-prefixed body: written, then moved right when its length needs 2+ bytes"),
        ("WireWriter.field", "one field write (a call per field where not inlined)"),
        ("WireWriter.write<", "the message header and limit checks"),
        ("ZMQFrames.withFrame", "subscriber access to a received frame (`zmq_msg_data`, `zmq_msg_size`)"),
        ("ZMQFrames.byteCount", "frame sizes (`zmq_msg_size`)"),
        ("receiveMultipart", "the 3-frame receive into `ZMQFrames` (`zmq_msg_recv` per frame)"),
        ("zmq_msg_size", "libzmq frame size accessor"),
        ("swift_beginAccess", "Swift exclusivity checks on class properties (ZMQFrames, ZMQSocket)"),
        ("malloc", "heap allocation (String storage, list arrays)"),
        ("_int_free", "heap frees"),
        ("free", "heap frees"),
        ("swift_release", "reference counting"),
        ("swift_retain", "reference counting"),
        ("memcpy", "copying bytes"),
        ("memmove", "copying bytes"),
        ("zmq_msg_recv", "libzmq receive"),
        ("zmq_msg_send", "libzmq send"),
    ]
    return notes.first { function.contains($0.0) }?.1
}

/// Inclusive instructions per op of the functions whose annotate line contains `marker`, from the
/// reference profiles run.sh records (`callgrind_annotate --inclusive=yes`, demangled).
func inclusiveCost(_ r: Results, _ c: String, _ marker: String) -> Double? {
    guard let path = r.value("refprofile.\(c).file"), let n = Double(r.value("refprofile.\(c).iterations") ?? ""),
          let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return nil }
    var sum = 0.0
    for line in text.split(separator: "\n") where line.contains(marker) {
        let first = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
        sum += Double(first.replacingOccurrences(of: ",", with: "")) ?? 0
    }
    return sum > 0 ? sum / n : nil
}

// MARK: - Formatting

/// The `key=value` words of a results line, by key (words without `=` are skipped).
func keyValueFields(_ words: some Sequence<Substring>) -> [String: String] {
    var fields: [String: String] = [:]
    for word in words {
        let kv = word.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
    }
    return fields
}

func fmt(_ value: Double, digits: Int = 0) -> String {
    guard value.isFinite else { return "n/a" }
    if digits > 0 && value != value.rounded() { return String(format: "%.\(digits)f", value) }
    let rounded = Int(value.rounded())
    let text = String(abs(rounded))
    var out = ""
    for (i, ch) in text.enumerated() {
        if i > 0 && (text.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return rounded < 0 ? "-" + out : out
}

func ratio(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    return value >= 10 ? String(format: "%.0f×", value) : String(format: "%.1f×", value)
}

func percent(_ value: Double, points: Bool = false) -> String {
    guard value.isFinite else { return "n/a" }
    return String(format: "%.0f", value * 100) + (points ? " percentage points" : "%")
}

// MARK: - BENCHMARKS.md

struct Markdown {
    let results: Results
    let evaluation: Evaluation

    func render() -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let r = results

        line("# Benchmarks")
        line()
        line("Written by `bash Benchmarks/run.sh` on \(r.value("machine.date") ?? "?"); every figure below comes from that one run.")
        line("Do not edit by hand: rerun the command.")
        line()
        line("## Summary")
        line()
        line("| target | limit | measured | status |")
        line("| --- | --- | --- | --- |")
        for t in evaluation.targets {
            line("| \(t.name) | \(t.limit) | \(t.measured) | \(t.met ? "**met**" : "**\(t.shortfall)**") |")
        }
        line()
        line("Targets are goals stated next to the results, not assertions: the run never fails on them.")
        line()

        line("## Machine")
        line()
        line("| | |")
        line("| --- | --- |")
        line("| cores (`nproc`) | \(r.value("machine.nproc") ?? "?") |")
        line("| CPU | \(r.value("machine.cpu") ?? "?") |")
        line("| Swift | \(r.value("machine.swift") ?? "?") |")
        line("| libzmq | \(r.value("machine.zmq")?.replacingOccurrences(of: "libzmq ", with: "") ?? "?") |")
        line("| valgrind | \(r.value("machine.valgrind") ?? "?") |")
        line("| kernel | \(r.value("machine.kernel") ?? "?") |")
        line("| date | \(r.value("machine.date") ?? "?") |")
        line("| load average at the start (1, 5, 15 min; other work shares the cores) | \(r.value("machine.load") ?? "?") |")
        line("| commit | \(r.value("machine.commit") ?? "?") (plus the working tree at that time) |")
        line("| run time | \(r.value("elapsed.seconds") ?? "?") s |")
        line()

        // Both are absent when run.sh ran part (d) alone (ONLY_ENROLLMENT=1).
        CodecReport.section(r, &out)
        if !r.busRuns.isEmpty { bus(&out) }
        BusExtras.section(r, &out)
        commands(&out)
        EnrollmentReport.section(r, &out)
        EndToEndReport.section(r, &out)
        whereTheTimeGoes(&out)

        line("## How to reproduce")
        line()
        line("```")
        line("bash Benchmarks/run.sh")
        line("```")
        line()
        line("Needs Swift 6.x, valgrind (`callgrind_annotate` comes with it) and libzmq (`libzmq3-dev`).")
        line("It builds `Benchmarks/` (a separate SwiftPM package depending on the root by path, so")
        line("users never build swift-protobuf) in release into `Benchmarks/.build`, including the broker")
        line("executable `peixun` from the root sources, then rewrites this file. The swift-protobuf code")
        line("is generated once by `Benchmarks/proto/generate.sh` (protoc + protoc-gen-swift 1.39.0) and")
        line("committed; the run does not need protoc. Single cases: `Benchmarks/.build/release/peixun-bench")
        line("codec <family> <case> <iterations> [repeats]`, `… bus <raw|peixun> <publishers> <subscribers> <n>`,")
        line("`… commands <echo|loadtest> <request-endpoint> <total> <inFlight> <clients>` (with a broker, `peixun")
        line("echo-worker` and `peixun-testservice owner` running), `… enrollment <request-endpoint> <members> <inFlight>")
        line("<clients>` (with a broker and a fresh `peixun enrollment`). Part (d) alone, for trying things out:")
        line("`ONLY_ENROLLMENT=1 bash Benchmarks/run.sh` (writes `Benchmarks/.build/BENCHMARKS.enrollment.md`); part (a)")
        line("alone: `ONLY_CODEC=1 bash Benchmarks/run.sh` (writes `Benchmarks/.build/BENCHMARKS.codec.md`); parts (e) and (f)")
        line("alone: `ONLY_E2E=1 [E2E_SCALES=\"town county\"] bash Benchmarks/run.sh` (writes `Benchmarks/.build/BENCHMARKS.e2e.md`);")
        line("`… bus … --keys <folder> --rate <messages/s>` for one CURVE or latency case; `… sqlite-raw <owner|projection> <rows> <bytes> <folder>`.")
        return out
    }

    func bus(_ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let r = results
        let runs = r.busRuns
        line("## (b) Bus: events/s through the broker")
        line()
        line("| round | raw events/s | raw lost | Peixun events/s | Peixun lost | Peixun out of order | Peixun ÷ raw |")
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        let rounds = Set(runs.map(\.round)).sorted()
        for round in rounds {
            let raw = runs.first { $0.round == round && $0.mode == "raw" }
            let px = runs.first { $0.round == round && $0.mode == "peixun" }
            let ratioText = (raw != nil && px != nil) ? percent(px!.eventsPerSecond / raw!.eventsPerSecond) : "—"
            line("| \(round) | \(fmt(raw?.eventsPerSecond ?? .nan)) | \(raw?.lost ?? -1) | \(fmt(px?.eventsPerSecond ?? .nan)) | \(px?.lost ?? -1) | \(px?.outOfOrder ?? -1) | \(ratioText) |")
        }
        let rawMedian = r.busMedian("raw"), pxMedian = r.busMedian("peixun")
        line("| **median** | **\(fmt(rawMedian))** | | **\(fmt(pxMedian))** | | | **\(percent(pxMedian / rawMedian))** |")
        line()
        let bytes = runs.first { $0.mode == "peixun" }?.fields["last_message_bytes"] ?? "?"
        let rawBytes = runs.first { $0.mode == "raw" }?.fields["last_message_bytes"] ?? "?"
        if let rawProfile = Profile(path: r.value("profile.bus.raw.file")),
           let pxProfile = Profile(path: r.value("profile.bus.peixun.file")),
           let n = Double(r.value("profile.bus.messages") ?? ""), rawProfile.total > 0, pxProfile.total > 0
        {
            let diff = (pxProfile.total - rawProfile.total) / n
            line("Events/s on 2 shared cores vary by ±20% from run to run (publisher, subscriber, two libzmq I/O")
            line("threads and the broker's threads share them), so the same run also counts instructions: the")
            line("benchmark process (publisher + subscriber threads, not the broker) under callgrind, \(fmt(n)) messages,")
            line("start-up included: raw **\(fmt(rawProfile.total / n)) instr/message**, Peixun **\(fmt(pxProfile.total / n)) instr/message**")
            line("(+\(fmt(diff)): encoding the envelope and the payload per message, the envelope view decode and")
            line("the sequence check, multipart receive into `ZMQFrames`).")
            line()
        }
        line("Method:")
        line()
        line("- Broker: the real executable, `peixun broker --requests tcp://127.0.0.1:0 --publishers tcp://127.0.0.1:0")
        line("  --subscribers tcp://127.0.0.1:0 --publisher-high-water-mark 1000000 --subscriber-high-water-mark 1000000`,")
        line("  built in release from the root sources; one broker for all runs (`\(r.value("bus.broker") ?? "?")`).")
        line("- One benchmark process per run, publisher and subscriber as **two threads** of it (each with its own")
        line("  socket, one shared `ZMQContext` with one I/O thread), tcp loopback to the broker. PUB SNDHWM 0 and")
        line("  SUB RCVHWM 0 (unlimited). Slow joiner: the publisher sends `bench.warmup` messages every 10 ms until")
        line("  the subscriber has received one through the broker; then the timed run starts.")
        line("- \(fmt(Double(r.value("bus.messages") ?? "") ?? .nan)) messages per run, sent as fast as the publisher can; events/s =")
        line("  (received − 1) / (time of the last received − time of the first received), at the subscriber.")
        line("  Runs interleaved raw, Peixun, raw, Peixun…; medians reported.")
        line("- **Peixun**: 3 frames per event: topic `enrollment.MemberEnrolled` (`send([UInt8])`), an `Envelope`")
        line("  (stream enrollment/0, sequence 1, 2, 3…, type 1010, schema version 1, time, two uuids) and the")
        line("  `MemberEnrolled` payload, **both encoded per message** into two reused `WireWriter`s and sent from their")
        line("  bytes. The subscriber receives with `receiveMultipart(into: ZMQFrames)` (zero copy), view-decodes the")
        line("  envelope and checks that each sequence is the previous + 1. Last message: \(bytes) B.")
        line("- **raw** (the reference): the **same 3 frames** as constant pre-encoded bytes of the same sizes")
        line("  (\(rawBytes) B; the envelope has a 3-byte sequence like most Peixun ones), sent with")
        line("  `send(UnsafeRawBufferPointer)` (`zmq_send`); the subscriber does three `receive(into:)` (`zmq_recv`)")
        line("  into buffers and only counts.")
        line("- Lost = sent − received (the subscriber stops after 3 s of silence).")
        line()
    }

    func commands(_ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let r = results
        let runs = r.commandRuns
        guard !runs.isEmpty else { return }
        let total = Double(r.value("commands.requests") ?? "") ?? .nan
        let inFlight = r.value("commands.in_flight") ?? "?"
        line("## (c) Commands through the broker")
        line()
        line("| case | requests/s (median) | p50 latency | p99 latency | failures | loadtest ÷ echo (same clients) |")
        line("| --- | ---: | ---: | ---: | ---: | ---: |")
        func ms(_ us: Double) -> String { us.isFinite ? String(format: "%.2f ms", us / 1000) : "n/a" }
        for (service, label) in [
            ("echo", "echo (request path, no store)"), ("echo-2w", "echo (request path, no store), 2 workers"),
            ("loadtest", "loadtest (durable command, 1 event)"),
        ] {
            for clients in [1, 4] {
                let m = r.commandMedians(service, clients: clients)
                guard m.runs > 0 else { continue }
                var ratioText = "—"
                if service == "loadtest" {
                    let echo = r.commandMedians("echo", clients: clients)
                    if echo.runs > 0 { ratioText = percent(m.rate / echo.rate) }
                }
                line("| \(label), \(clients) client\(clients == 1 ? "" : "s") | \(fmt(m.rate)) | \(ms(m.p50)) | \(ms(m.p99)) | \(m.failures) | \(ratioText) |")
            }
        }
        line()
        if let target = evaluation.targets.first(where: { $0.name.hasPrefix("Durable commands/s") }) {
            line("Issue 4 target **≥ 20,000 durable commands/s**: \(target.met ? "**met**" : "**\(target.shortfall)**") (\(target.measured)).")
            line()
        }
        let failureTexts = Set(runs.compactMap(\.firstFailure))
        if !failureTexts.isEmpty {
            line("First failure seen: \(failureTexts.sorted().map { "`\($0)`" }.joined(separator: "; ")).")
            line()
        }
        line("Every run (requests/s; p50 / p99 latency):")
        line()
        for service in ["echo", "echo-2w", "loadtest"] {
            for clients in [1, 4] {
                let these = runs.filter { $0.service == service && $0.clients == clients }.sorted { $0.round < $1.round }
                guard !these.isEmpty else { continue }
                let text = these.map { "\(fmt($0.requestsPerSecond)) (\(ms($0.p50)) / \(ms($0.p99)))" }.joined(separator: ", ")
                line("- \(service), \(clients) client\(clients == 1 ? "" : "s"): \(text)")
            }
        }
        line()
        line("Method:")
        line()
        line("- The broker of (b) (same executable, same process), plus `peixun echo-worker --broker <requests> --name bench-echo`")
        line("  (service `echo`, its default credit 16) and `peixun-testservice owner --requests <requests> --publishers <publishers>")
        line("  --data <fresh file>` (service `loadtest`: `CommandWorker`, credit 64, group commit: the commands waiting at the")
        line("  worker run in one SQLite transaction with `synchronous=FULL`; its outbox publisher sends the events to the broker),")
        line("  both built in release from the root sources. The run waits for their ready lines.")
        line("- `peixun-bench commands <service> <requests> \(fmt(total)) \(inFlight) <clients>`: `clients` threads, each with its own")
        line("  DEALER socket (one `ZMQContext`, one I/O thread) on tcp loopback, together \(fmt(total)) requests, each client keeping up to")
        line("  \(inFlight) outstanding: `ClientRequest` + body sent without waiting, replies taken as they come, each reply making room")
        line("  for the next send. Before timing, every client waits for one `ok` reply (connections up, workers registered).")
        line("- **loadtest** body: a `CommandRequest` (random command id, command = u32 LE 1: one `CheckedIn` event appended")
        line("  durably per command). A reply counts when its `ClientReply` status is `ok` and its body a `CommandReply` with status")
        line("  `accepted` for the same command id; anything else, or no reply within 30 s, is a failure.")
        if let events = r.value("commands.store_events") {
            line("  Events in the owner's outbox after the run: \(fmt(Double(events) ?? .nan)) (one per timed command, plus one per client warm-up).")
        }
        line("- **echo** body: 40 bytes; a reply counts when its status is `ok` and its body starts with the request body.")
        line("- requests/s = replies counted / (last reply − first send, over all clients); latency = send to reply per request,")
        line("  over all clients. \(r.value("commands.rounds") ?? "3") rounds, interleaved (echo 1, loadtest 1, echo 4, loadtest 4, …); medians reported.")
        line()
    }

    func whereTheTimeGoes(_ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let r = results
        let profileAll = r.value("profile.all") == "1"
        let missed = evaluation.targets.filter { !$0.met || (profileAll && $0.profile != nil) }
        line("## Where the time goes")
        line()
        if missed.isEmpty {
            line("Every target was met in this run, so nothing was profiled.")
            line()
            return
        }
        if missed.contains(where: { $0.profile != nil }) {
            line(profileAll ? "Every Peixun path profiled (`PROFILE_ALL=1`): `valgrind --tool=callgrind --dump-instr=no`, then" : "Profiled because a target was missed: `valgrind --tool=callgrind --dump-instr=no`, then")
            line("`callgrind_annotate --inclusive=no`; self cost per function, summed over inlined copies.")
        } else {
            line("Only targets without a profile were missed, so nothing was profiled.")
        }
        line()
        for target in missed {
            guard let what = target.profile else {
                line("### \(target.name)")
                line()
                line("\(target.shortfall). \(target.note ?? "Size is a property of the format, not of code; nothing to profile.")")
                line()
                continue
            }
            if what == "bus" {
                busProfile(&out, target)
                continue
            }
            line("### \(target.name): \(target.met ? "met" : target.shortfall)")
            line()
            guard let profile = Profile(path: r.value("profile.\(what).file")),
                  let n = Double(r.value("profile.\(what).iterations") ?? ""), profile.total > 0
            else {
                line("(no profile was recorded)")
                line()
                continue
            }
            let loop = what.split(separator: "/").last.map(String.init) ?? what  // `<family>/<case>`
            line("`callgrind --toggle-collect=benchloop_\(loop.replacingOccurrences(of: "-", with: "_"))` (only the benchmark loop), \(fmt(n)) iterations:")
            line("\(fmt(profile.total / n)) instr/op in total.")
            line()
            line("| rank | function (self cost) | instr/op | share | what it is |")
            line("| ---: | --- | ---: | ---: | --- |")
            for (i, f) in profile.top(8).enumerated() {
                line("| \(i + 1) | `\(f.name)` | \(fmt(f.cost / n)) | \(percent(f.cost / profile.total)) | \(explanation(for: f.name) ?? "") |")
            }
            line()
            let top3 = profile.top(3).map { "`\($0.name)` (\(fmt($0.cost / n)))" }.joined(separator: ", ")
            line("Top 3 costs: \(top3).")
            line()
        }
    }

    func busProfile(_ out: inout String, _ target: Target) {
        func line(_ s: String = "") { out += s + "\n" }
        let r = results
        line("### \(target.name): \(target.met ? "met" : target.shortfall)")
        line()
        guard let raw = Profile(path: r.value("profile.bus.raw.file")), let px = Profile(path: r.value("profile.bus.peixun.file")),
              let n = Double(r.value("profile.bus.messages") ?? ""), raw.total > 0, px.total > 0
        else {
            line("(no profile was recorded)")
            line()
            return
        }
        line("The benchmark process (publisher and subscriber threads; the broker is the same for both) under")
        line("callgrind with \(fmt(n)) messages: raw \(fmt(raw.total / n)) instr/message, Peixun \(fmt(px.total / n))")
        line("(start-up included). Functions where Peixun spends more than raw:")
        line()
        var delta: [String: Double] = [:]
        for (k, v) in px.functions { delta[k, default: 0] += v }
        for (k, v) in raw.functions { delta[k, default: 0] -= v }
        line("| rank | function (self cost) | Peixun − raw, instr/message | what it is |")
        line("| ---: | --- | ---: | --- |")
        for (i, f) in delta.sorted(by: { $0.value > $1.value }).prefix(8).enumerated() {
            line("| \(i + 1) | `\(f.key)` | \(fmt(f.value / n)) | \(explanation(for: f.key) ?? "") |")
        }
        line()
    }
}
