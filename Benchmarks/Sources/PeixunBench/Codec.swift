import BenchProto
import Foundation
import PeixunCodec
import PeixunMessages

/// One codec case: runs its operation `iterations` times on the fixtures. Every case is a
/// separate non-generic, never-inlined function so its loop is compiled on its own, specialized,
/// with the fixtures opaque to it (they are built at run time and passed in). Each loop has a
/// plain symbol, `benchloop_<case>`, for `callgrind --toggle-collect` in the profiles.
enum CodecCase: String, CaseIterable {
    case noop = "noop"
    case peixunEncode = "peixun-encode"
    case peixunDecode = "peixun-decode"
    case peixunView = "peixun-view"
    case protobufEncode = "protobuf-encode"
    case protobufDecode = "protobuf-decode"
    case jsonEncode = "json-encode"
    case jsonDecode = "json-decode"

    func run(_ f: Fixtures, iterations: Int) throws {
        switch self {
        case .noop: runNoop(f, iterations)
        case .peixunEncode: try runPeixunEncode(f.peixun, iterations)
        case .peixunDecode: try runPeixunDecode(f.peixunBytes, iterations)
        case .peixunView: try runPeixunView(f.peixunBytes, iterations)
        case .protobufEncode: try runProtobufEncode(f.proto, iterations)
        case .protobufDecode: try runProtobufDecode(f.protoBytes, iterations)
        case .jsonEncode: try runJSONEncode(f.json, iterations)
        case .jsonDecode: try runJSONDecode(f.jsonData, iterations)
        }
    }
}

/// The loop and the black hole alone (what every other case pays on top of its operation).
@inline(never) @_silgen_name("benchloop_noop")
func runNoop(_ f: Fixtures, _ n: Int) {
    for i in 0..<n { blackHole(i) }
}

/// `writer.reset(); try writer.write(msg)` into one reused writer; the bytes go to the black hole.
@inline(never) @_silgen_name("benchloop_peixun_encode")
func runPeixunEncode(_ message: MemberEnrolled, _ n: Int) throws {
    var writer = WireWriter(capacity: 256)
    for _ in 0..<n {
        writer.reset()
        try writer.write(message)
        writer.withUnsafeBytes { blackHole($0) }
    }
}

/// `MemberEnrolled(decoding:)`: every field checked, strings validated and copied into `String`s.
@inline(never) @_silgen_name("benchloop_peixun_decode")
func runPeixunDecode(_ bytes: [UInt8], _ n: Int) throws {
    try bytes.withUnsafeBytes { buffer in
        for _ in 0..<n {
            let message = try MemberEnrolled(decoding: buffer)
            blackHole(message)
        }
    }
}

/// `MemberEnrolled.view(bytes)`: every field checked and strings validated, nothing copied; then
/// two scalar fields and one string's byte count are read.
@inline(never) @_silgen_name("benchloop_peixun_view")
func runPeixunView(_ bytes: [UInt8], _ n: Int) throws {
    try bytes.withUnsafeBytes { buffer in
        var sum = 0
        for _ in 0..<n {
            let view = try MemberEnrolled.view(buffer)
            sum &+= Int(view.seat) &+ (view.waitlisted ? 1 : 0) &+ view.className.utf8.count
        }
        blackHole(sum)
        checksum &+= sum
    }
}

/// swift-protobuf `serializedBytes()` into a new `[UInt8]`.
@inline(never) @_silgen_name("benchloop_protobuf_encode")
func runProtobufEncode(_ message: Peixun_Bench_MemberEnrolled, _ n: Int) throws {
    for _ in 0..<n {
        let bytes: [UInt8] = try message.serializedBytes()
        blackHole(bytes)
    }
}

/// swift-protobuf `init(serializedBytes:)` from a `[UInt8]`.
@inline(never) @_silgen_name("benchloop_protobuf_decode")
func runProtobufDecode(_ bytes: [UInt8], _ n: Int) throws {
    for _ in 0..<n {
        let message = try Peixun_Bench_MemberEnrolled(serializedBytes: bytes)
        blackHole(message)
    }
}

/// Foundation `JSONEncoder.encode` (one encoder, reused) into `Data`.
@inline(never) @_silgen_name("benchloop_json_encode")
func runJSONEncode(_ value: MemberEnrolledJSON, _ n: Int) throws {
    let encoder = JSONEncoder()
    for _ in 0..<n {
        let data = try encoder.encode(value)
        blackHole(data)
    }
}

/// Foundation `JSONDecoder.decode` (one decoder, reused) from `Data`.
@inline(never) @_silgen_name("benchloop_json_decode")
func runJSONDecode(_ data: Data, _ n: Int) throws {
    let decoder = JSONDecoder()
    for _ in 0..<n {
        let value = try decoder.decode(MemberEnrolledJSON.self, from: data)
        blackHole(value)
    }
}

enum CodecCommand {
    /// `codec <case> <iterations> [repeats]`: with repeats, a warm-up run of a tenth, then
    /// `repeats` timed runs, each printed as `ns/op`, and their median.
    static func run(_ arguments: [String]) throws {
        guard arguments.count >= 2, let which = CodecCase(rawValue: arguments[0]), let n = Int(arguments[1]) else {
            fail("usage: codec <\(CodecCase.allCases.map(\.rawValue).joined(separator: "|"))> <iterations> [repeats]")
        }
        let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 0
        let fixtures = try Fixtures(seed: seedFromEnvironment())
        if repeats == 0 {
            try which.run(fixtures, iterations: n)
            return
        }
        try which.run(fixtures, iterations: max(1, n / 10))
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = nowNanoseconds()
            try which.run(fixtures, iterations: n)
            let elapsed = nowNanoseconds() - start
            samples.append(Double(elapsed) / Double(n))
        }
        print("ns/op \(samples.map { String(format: "%.1f", $0) }.joined(separator: " ")) median \(String(format: "%.1f", median(samples)))")
    }

    /// `sizes`: bytes on the wire of each encoding (and the check that all three carry the sample).
    static func sizes() throws {
        let fixtures = try Fixtures(seed: seedFromEnvironment())
        let problems = try fixtures.verify()
        guard problems.isEmpty else { fail("fixtures do not agree: \(problems.joined(separator: "; "))") }
        print("peixun \(fixtures.peixunBytes.count)")
        print("protobuf \(fixtures.protoBytes.count)")
        print("json \(fixtures.jsonData.count)")
        // What the view decode checks: does it reject ill-formed UTF-8 itself, or leave that to
        // reading the string? (The owned decode must reject it.)
        var sample = fixtures.peixun
        sample.className = "QZ"
        var bad = try sample.encoded()
        guard let at = (0..<(bad.count - 2)).first(where: { bad[$0] == 2 && bad[$0 + 1] == 0x51 && bad[$0 + 2] == 0x5A })
        else { fail("could not place the ill-formed string") }
        bad[at + 1] = 0xC0  // an overlong encoding of "/": never valid UTF-8
        bad[at + 2] = 0xAF
        let viewRejects = (try? bad.withUnsafeBytes { try MemberEnrolled.view($0) }) == nil
        let ownedRejects = (try? MemberEnrolled(decoding: bad)) == nil
        guard ownedRejects else { fail("MemberEnrolled(decoding:) accepted ill-formed UTF-8") }
        print("view_checks_utf8 \(viewRejects ? "yes" : "no")")
        print("verified ok")
    }
}

func seedFromEnvironment() -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["PEIXUN_BENCH_SEED"], let seed = UInt64(text) { return seed }
    return 20_240_311
}
