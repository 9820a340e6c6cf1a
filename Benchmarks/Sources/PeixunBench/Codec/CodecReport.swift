import Foundation

/// Part (a) of BENCHMARKS.md and its four targets per family, from what Benchmarks/codec.sh
/// recorded (keys `size.<family>.<encoding>`, `instr.<family>.<case>`, `allocs.<family>.<case>`,
/// `wall.<family>.<case>`).
enum CodecReport {
    /// The families run.sh measured, in its order.
    static func families(_ r: Results) -> [Family] {
        (r.value("codec.families") ?? "").split(separator: " ").compactMap { Family(rawValue: String($0)) }
    }

    static func message(_ r: Results, _ f: Family) -> String { r.value("codec.message.\(f.rawValue)") ?? f.rawValue }

    /// Why each family's message was chosen and what the sample holds.
    static let samples: [Family: String] = [
        .envelope: "the second frame of every event on the bus, so the most frequent message of all: stream enrollment/0, sequence 1,284,337, type 1010, schema version 1, time, command and correlation uuids",
        .broker: "the first frame of every request on the request path (its body is the next frame, opaque to the broker): service \"enrollment\", request uuid, timeout 5,000 ms",
        .enrollment: "one per seat taken (100,000–200,000 a city-year; also the payload of the bus benchmark): 5 uuids, memberName \"张伟\", className \"2024年村（社区）党组织书记培训班\", seat 37, categories [village, branchSecretary] (a packed repeated enum in proto)",
        .scoring: "the family's most frequent event (a trainee scores each lesson's instructor: a few hundred thousand a city-year): 8 uuids, scores 5/5/4, excellent, comment \"讲得很透彻，结合村里实际，很受启发\", member number",
        .archive: "one link of a member's hash chain (党员培训档案), filed for every enrollment, check-in, score…: an attendance entry (the most frequent kind), two 32-byte hashes, the nested hashed content (course zero, optional score and passed absent, as filed for a check-in)",
        .reporting: "the answer to ShowCoverage, and the coverage list of the monthly report and the dashboard: a repeated struct, so the list cost shows. 小榄镇 and its 12 communities (13 rows: uuid, code, Chinese name, depth, roster, trained, coverage)",
    ]

    /// The four targets of issue 8 per family. A target's `profile` is `<family>/<case>`.
    static func targets(_ r: Results) -> [Target] {
        var targets: [Target] = []
        for f in families(r) {
            let k = f.rawValue
            let name = "\(k) `\(message(r, f))`"
            let protoDecode = r.instructions("\(k).protobuf-decode")
            let protoEncode = r.instructions("\(k).protobuf-encode")
            let view = r.instructions("\(k).peixun-view")
            let owned = r.instructions("\(k).peixun-decode")
            let encode = r.instructions("\(k).peixun-encode")
            let encodeAllocs = r.allocations("\(k).peixun-encode")
            func over(_ value: Double, _ limit: Double) -> String {
                "missed by \(fmt(value - limit)) instr/op (\(percent(value / limit - 1)) over the limit)"
            }
            guard protoDecode.isFinite, protoEncode.isFinite else { continue }
            targets.append(Target(
                name: "\(name): view decode ≤ 1/10 of swift-protobuf decode instructions",
                limit: "≤ \(fmt(protoDecode / 10)) instr/op", measured: "\(fmt(view)) instr/op (\(ratio(protoDecode / view)) fewer)",
                met: view <= protoDecode / 10, shortfall: over(view, protoDecode / 10), profile: "\(k)/peixun-view"))
            targets.append(Target(
                name: "\(name): owned decode ≤ 1/3 of swift-protobuf decode instructions",
                limit: "≤ \(fmt(protoDecode / 3)) instr/op", measured: "\(fmt(owned)) instr/op (\(ratio(protoDecode / owned)) fewer)",
                met: owned <= protoDecode / 3, shortfall: over(owned, protoDecode / 3), profile: "\(k)/peixun-decode"))
            let encodeLimit = protoEncode / 4
            targets.append(Target(
                name: "\(name): encode (reused writer) ≤ 1/4 of swift-protobuf encode instructions, 0 allocations",
                limit: "≤ \(fmt(encodeLimit)) instr/op, 0 allocs/op",
                measured: "\(fmt(encode)) instr/op (\(ratio(protoEncode / encode)) fewer), \(fmt(encodeAllocs, digits: 2)) allocs/op",
                met: encode <= encodeLimit && encodeAllocs == 0,
                shortfall: encode > encodeLimit ? over(encode, encodeLimit) : "missed: \(fmt(encodeAllocs, digits: 2)) allocs/op",
                profile: "\(k)/peixun-encode"))
            let size = r.size("\(k).peixun"), protoSize = r.size("\(k).protobuf")
            targets.append(Target(
                name: "\(name): size on the wire ≤ swift-protobuf's",
                limit: "≤ \(protoSize) B", measured: "\(size) B", met: size > 0 && size <= protoSize,
                shortfall: "missed by \(size - protoSize) B", profile: nil))
        }
        return targets
    }

    static let operations: [(key: String, title: String)] = [
        ("peixun-encode", "Peixun encode"), ("peixun-decode", "Peixun owned decode"), ("peixun-view", "Peixun view decode"),
        ("protobuf-encode", "swift-protobuf encode"), ("protobuf-decode", "swift-protobuf decode"),
        ("json-encode", "JSON encode"), ("json-decode", "JSON decode"),
    ]

    static func section(_ r: Results, _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        let families = families(r)
        guard !families.isEmpty else { return }
        line("## (a) Codec: one representative message per family")
        line()
        line("Each family of `protocols/` is measured with one message, the most frequent or most representative")
        line("of its family, with realistic values (Chinese names as UTF-8, uuids random v4 from a fixed seed).")
        line("The same data in proto3 (`Benchmarks/proto/*.proto`: uuids as 16-byte `bytes`, timestamps as int64")
        line("micros, enums as enums, optionals as proto3 `optional`, repeated structs as repeated messages) and in")
        line("Codable mirrors for JSON (uuids as 36-character strings, timestamps as integers, enums by name, hashes")
        line("as base64 `Data`). Before measuring, the run decodes all three encodings of each sample and checks")
        line("they carry the same values.")
        line()
        for f in families {
            line("- **\(f.rawValue)**: `\(message(r, f))`, \(samples[f] ?? "").")
        }
        line()
        line("### Bytes on the wire")
        line()
        line("| family: message | Peixun | swift-protobuf (proto3) | JSON (Foundation, compact) | Peixun ÷ protobuf | JSON ÷ protobuf |")
        line("| --- | ---: | ---: | ---: | ---: | ---: |")
        for f in families {
            let k = f.rawValue
            let p = r.size("\(k).peixun"), q = r.size("\(k).protobuf"), j = r.size("\(k).json")
            line("| \(k): `\(message(r, f))` | \(p) | \(q) | \(j) | \(percent(Double(p) / Double(q))) | \(percent(Double(j) / Double(q))) |")
        }
        line()
        line("### Instructions per operation (allocations per operation)")
        line()
        operationTable(families, &out) { "\(fmt(r.instructions($0))) (\(fmt(r.allocations($0), digits: 2)))" }
        let loops = families.map { r.instructions("\($0.rawValue).noop") }.filter(\.isFinite)
        if let low = loops.min(), let high = loops.max() {
            line("Every figure includes the empty loop and the black hole: \(fmt(low))\(fmt(high) != fmt(low) ? "–\(fmt(high))" : "") instr/op.")
            line()
        }
        line("### Reference ÷ Peixun (instructions; the targets are encode ≥ 4×, owned decode ≥ 3×, view decode ≥ 10× swift-protobuf)")
        line()
        line("| family | encode vs protobuf | owned decode vs protobuf | view decode vs protobuf | encode vs JSON | owned decode vs JSON | view decode vs JSON |")
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for f in families {
            let k = f.rawValue
            func x(_ reference: String, _ peixun: String) -> String {
                ratio(r.instructions("\(k).\(reference)") / r.instructions("\(k).\(peixun)"))
            }
            line("| \(k) | \(x("protobuf-encode", "peixun-encode")) | \(x("protobuf-decode", "peixun-decode")) | \(x("protobuf-decode", "peixun-view")) | \(x("json-encode", "peixun-encode")) | \(x("json-decode", "peixun-decode")) | \(x("json-decode", "peixun-view")) |")
        }
        line()
        line("### Wall clock (ns/op, median; for information only: this machine is shared and noisy)")
        line()
        operationTable(families, &out) { r.wallMedian($0).isFinite ? String(format: "%.1f", r.wallMedian($0)) : "n/a" }
        packedEnumNotes(r, families, &out)
        method(r, families, &out)
    }

    /// A row per family, a column per operation; `cell` gets the results key `<family>.<case>`.
    static func operationTable(_ families: [Family], _ out: inout String, cell: (String) -> String) {
        out += "| family | " + operations.map(\.title).joined(separator: " | ") + " |\n"
        out += "| --- |" + String(repeating: " ---: |", count: operations.count) + "\n"
        for f in families {
            out += "| \(f.rawValue) | " + operations.map { cell("\(f.rawValue).\($0.key)") }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
    }

    /// Where swift-protobuf's packed repeated enum path shows up in its own profile, how much of
    /// its cost it is (it runs generic, unspecialized code); only for the families that have one.
    static func packedEnumNotes(_ r: Results, _ families: [Family], _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        for f in families {
            let k = f.rawValue
            guard let pe = inclusiveCost(r, "\(k).protobuf-encode", "protocol witness for Visitor.visitPackedEnumField"),
                  let pd = inclusiveCost(r, "\(k).protobuf-decode", "protocol witness for Decoder.decodeRepeatedEnumField")
            else { continue }
            let enc = r.instructions("\(k).protobuf-encode"), dec = r.instructions("\(k).protobuf-decode")
            line("Note on the \(k) reference: swift-protobuf spends \(fmt(pe)) of its \(fmt(enc)) encode instr/op and \(fmt(pd)) of its")
            line("\(fmt(dec)) decode instr/op in its packed repeated enum path (`visitPackedEnumField` in the size and the")
            line("write pass, `decodeRepeatedEnumField`; inclusive, from callgrind on its loop), which runs generic,")
            line("unspecialized code. Without that path the ratios would be encode")
            line("\(ratio((enc - pe) / r.instructions("\(k).peixun-encode"))), owned decode \(ratio((dec - pd) / r.instructions("\(k).peixun-decode"))),")
            line("view decode \(ratio((dec - pd) / r.instructions("\(k).peixun-view"))) (the targets use the full figures, as measured).")
            line()
        }
    }

    static func method(_ r: Results, _ families: [Family], _ out: inout String) {
        func line(_ s: String = "") { out += s + "\n" }
        line("### Method")
        line()
        func counts(_ key: String) -> String {
            let v = r.numbers(key)
            return v.count == 4 ? "\(fmt(v[0]))/\(fmt(v[2]))" : "?"
        }
        line("- One release binary (`swift build -c release`), `peixun-bench codec <family> <case> <iterations>`. Each")
        line("  case is a never-inlined loop, specialized for the family's types; its input is built at run time and")
        line("  passed in, and every result goes to a `@_optimize(none)` black hole, so nothing can be folded or deleted.")
        line("- **instr/op**: `valgrind --tool=callgrind --callgrind-out-file=/dev/null`, the `Collected` count of two")
        line("  runs with N1 and N2 iterations, (I2 − I1) / (N2 − N1): start-up cancels out; deterministic")
        line("  (`SWIFT_DETERMINISTIC_HASHING=1`). N1/N2 per family (fewer for larger messages):")
        line("  " + families.map { "\($0.rawValue) \(counts("instr.\($0.rawValue).peixun-encode")) (JSON \(counts("instr.\($0.rawValue).json-encode")))" }.joined(separator: ", ") + ".")
        line("- **allocs/op**: `valgrind --tool=memcheck`, \"total heap usage: N allocs\" of two runs (N1/N2: " +
            families.map { "\($0.rawValue) \(counts("allocs.\($0.rawValue).peixun-encode"))" }.joined(separator: ", ") +
            " iterations), differenced the same way.")
        line("- **ns/op**: wall clock inside the process, one warm-up of a tenth, then the median of 7 runs, each of")
        line("  about 500 M instructions (its iterations: that ÷ the case's instr/op).")
        line("- **view decode**: `Message.view(bytes)` checks every field's bounds (and every list element's), copies")
        line("  nothing, then reads a few fields: envelope sequence, event type and service; broker timeout and service;")
        line("  enrollment seat, waitlisted and className; scoring the three scores, excellent and memberNumber; archive")
        line("  entry, hash and the content's source sequence; reporting year and the number of rows.")
        switch r.value("codec.view_checks_utf8") {
        case "yes":
            line("- The view decode validates strings' UTF-8 itself (the run checked that `MemberEnrolled.view` rejects")
            line("  an ill-formed string).")
        case "no":
            line("- The view decode checks every bound but not the strings' UTF-8: the run checked that")
            line("  `MemberEnrolled.view` accepts an ill-formed string, which is reported when the string is read")
            line("  (`WireString.string`). The owned decode rejects it (checked too).")
        default: break
        }
        line("- Decodes read from an `UnsafeRawBufferPointer` (Peixun, as a subscriber gets a frame), `[UInt8]`")
        line("  (swift-protobuf) and `Data` (JSON). Encodes write into one reused `WireWriter` (Peixun), a new")
        line("  `[UInt8]` (swift-protobuf) and a new `Data` (JSON).")
        line()
    }
}
