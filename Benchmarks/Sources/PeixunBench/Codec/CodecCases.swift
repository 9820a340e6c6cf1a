import Foundation
import PeixunCodec
import SwiftProtobuf

/// One codec case: runs its operation `iterations` times on one family's sample. The loops are
/// generic but only ever called from `CaseRun.visit`, where the family's types are concrete, so
/// each is compiled specialized per family; they are never inlined, with the sample opaque to them
/// (built at run time and passed in). Each case runs inside a plainly named marker function,
/// `benchloop_<case>`, for `callgrind --toggle-collect` in the profiles (one family per process,
/// so the marker needs no family in its name).
enum CodecCase: String, CaseIterable {
    case noop = "noop"
    case peixunEncode = "peixun-encode"
    case peixunDecode = "peixun-decode"
    case peixunView = "peixun-view"
    case protobufEncode = "protobuf-encode"
    case protobufDecode = "protobuf-decode"
    case jsonEncode = "json-encode"
    case jsonDecode = "json-decode"

    func run(_ family: Family, iterations: Int, seed: UInt64) throws -> TimedRun {
        try family.visit(CaseRun(which: self, iterations: iterations, seed: seed))
    }
}

/// A case prepared for one family: its sample built, ready to run `iterations` at a time.
struct TimedRun {
    let run: (Int) throws -> Void
}

private struct CaseRun: FamilyVisitor {
    let which: CodecCase
    let iterations: Int
    let seed: UInt64

    func visit<F: CodecFamily>(_ family: F.Type) throws -> TimedRun {
        let s = try Sample<F>(seed: seed)
        switch which {
        case .noop: return TimedRun { n in markNoop { runNoop(n) } }
        case .peixunEncode: return TimedRun { n in try markPeixunEncode { try runPeixunEncode(s.peixun, n) } }
        case .peixunDecode: return TimedRun { n in try markPeixunDecode { try runPeixunDecode(F.Message.self, s.peixunBytes, n) } }
        case .peixunView: return TimedRun { n in try markPeixunView { try runPeixunView(F.self, s.peixunBytes, n) } }
        case .protobufEncode: return TimedRun { n in try markProtobufEncode { try runProtobufEncode(s.proto, n) } }
        case .protobufDecode: return TimedRun { n in try markProtobufDecode { try runProtobufDecode(F.Proto.self, s.protoBytes, n) } }
        case .jsonEncode: return TimedRun { n in try markJSONEncode { try runJSONEncode(s.json, n) } }
        case .jsonDecode: return TimedRun { n in try markJSONDecode { try runJSONDecode(F.JSON.self, s.jsonData, n) } }
        }
    }
}

// MARK: - Markers for callgrind --toggle-collect (one call per run, not per iteration)

@inline(never) @_silgen_name("benchloop_noop")
func markNoop(_ loop: () -> Void) { loop() }
@inline(never) @_silgen_name("benchloop_peixun_encode")
func markPeixunEncode(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_peixun_decode")
func markPeixunDecode(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_peixun_view")
func markPeixunView(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_protobuf_encode")
func markProtobufEncode(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_protobuf_decode")
func markProtobufDecode(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_json_encode")
func markJSONEncode(_ loop: () throws -> Void) rethrows { try loop() }
@inline(never) @_silgen_name("benchloop_json_decode")
func markJSONDecode(_ loop: () throws -> Void) rethrows { try loop() }

// MARK: - The loops

/// The loop and the black hole alone (what every other case pays on top of its operation).
@inline(never)
func runNoop(_ n: Int) {
    for i in 0..<n { blackHole(i) }
}

/// `writer.reset(); try writer.write(msg)` into one reused writer; the bytes go to the black hole.
@inline(never)
func runPeixunEncode<M: WireMessage>(_ message: M, _ n: Int) throws {
    var writer = WireWriter(capacity: 1024)
    for _ in 0..<n {
        writer.reset()
        try writer.write(message)
        writer.withUnsafeBytes { blackHole($0) }
    }
}

/// `M(decoding:)`: every field checked, strings validated and copied into `String`s.
@inline(never)
func runPeixunDecode<M: WireMessage>(_: M.Type, _ bytes: [UInt8], _ n: Int) throws {
    try bytes.withUnsafeBytes { buffer in
        for _ in 0..<n {
            let message = try M(decoding: buffer)
            blackHole(message)
        }
    }
}

/// `M.view(bytes)`: every field checked, nothing copied; then the family's `touch` reads a few fields.
@inline(never)
func runPeixunView<F: CodecFamily>(_: F.Type, _ bytes: [UInt8], _ n: Int) throws {
    try bytes.withUnsafeBytes { buffer in
        var sum = 0
        for _ in 0..<n {
            let view = try F.Message.view(buffer)
            sum &+= F.touch(view)
        }
        blackHole(sum)
        checksum &+= sum
    }
}

/// swift-protobuf `serializedBytes()` into a new `[UInt8]`.
@inline(never)
func runProtobufEncode<P: SwiftProtobuf.Message>(_ message: P, _ n: Int) throws {
    for _ in 0..<n {
        let bytes: [UInt8] = try message.serializedBytes()
        blackHole(bytes)
    }
}

/// swift-protobuf `init(serializedBytes:)` from a `[UInt8]`.
@inline(never)
func runProtobufDecode<P: SwiftProtobuf.Message>(_: P.Type, _ bytes: [UInt8], _ n: Int) throws {
    for _ in 0..<n {
        let message = try P(serializedBytes: bytes)
        blackHole(message)
    }
}

/// Foundation `JSONEncoder.encode` (one encoder, reused) into `Data`.
@inline(never)
func runJSONEncode<J: Encodable>(_ value: J, _ n: Int) throws {
    let encoder = JSONEncoder()
    for _ in 0..<n {
        let data = try encoder.encode(value)
        blackHole(data)
    }
}

/// Foundation `JSONDecoder.decode` (one decoder, reused) from `Data`.
@inline(never)
func runJSONDecode<J: Decodable>(_: J.Type, _ data: Data, _ n: Int) throws {
    let decoder = JSONDecoder()
    for _ in 0..<n {
        let value = try decoder.decode(J.self, from: data)
        blackHole(value)
    }
}
