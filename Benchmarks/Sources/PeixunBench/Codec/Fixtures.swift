import BenchProto
import Foundation
import PeixunCodec
import PeixunTestSupport
import SwiftProtobuf

/// The message families of `protocols/`, each measured with one representative message.
enum Family: String, CaseIterable {
    case envelope, broker, enrollment, scoring, archive, reporting

    /// Calls `visitor` with the family's description type, so everything after this one switch is
    /// specialized for the family's concrete message types (a generic call through an existential
    /// would run unspecialized code and measure that instead).
    func visit<V: FamilyVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case .envelope: try visitor.visit(EnvelopeBench.self)
        case .broker: try visitor.visit(BrokerBench.self)
        case .enrollment: try visitor.visit(EnrollmentBench.self)
        case .scoring: try visitor.visit(ScoringBench.self)
        case .archive: try visitor.visit(ArchiveBench.self)
        case .reporting: try visitor.visit(ReportingBench.self)
        }
    }
}

protocol FamilyVisitor {
    associatedtype Result
    func visit<F: CodecFamily>(_ family: F.Type) throws -> Result
}

/// One family's representative message and its two references: the swift-protobuf mirror
/// (Benchmarks/proto) and a Codable mirror for Foundation JSON, with the conversions both ways
/// (so the run can check that all three carry the same values).
protocol CodecFamily {
    associatedtype Message: WireMessage
    associatedtype Proto: SwiftProtobuf.Message & Equatable
    associatedtype JSON: Codable & Equatable

    /// The sample, with its ids drawn from `random` (the same seed gives the same bytes).
    static func sample(_ random: inout SplitMix64) -> Message
    static func proto(_ message: Message) -> Proto
    static func message(_ proto: Proto) throws -> Message
    static func json(_ message: Message) -> JSON
    static func message(_ json: JSON) throws -> Message
    /// What the view case reads after `Message.view(bytes)` (a few fields, folded into an Int).
    static func touch(_ view: Message.View) -> Int
}

/// A family's sample in the three encodings, built at run time.
struct Sample<F: CodecFamily> {
    let peixun: F.Message
    let proto: F.Proto
    let json: F.JSON

    let peixunBytes: [UInt8]
    let protoBytes: [UInt8]
    let jsonData: Data

    init(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        peixun = F.sample(&random)
        proto = F.proto(peixun)
        json = F.json(peixun)
        peixunBytes = try peixun.encoded()
        protoBytes = try proto.serializedBytes()
        jsonData = try JSONEncoder().encode(json)
    }

    /// Decodes each encoding and checks that all three carry exactly the sample's data.
    func verify() throws -> [String] {
        var problems: [String] = []
        if try F.Message(decoding: peixunBytes) != peixun { problems.append("peixun round trip differs") }
        let viewed = try peixunBytes.withUnsafeBytes { try F.Message.view($0).owned }
        if viewed != peixun { problems.append("peixun view round trip differs") }
        let q = try F.Proto(serializedBytes: protoBytes)
        if q != proto { problems.append("protobuf round trip differs") }
        if try F.message(q) != peixun { problems.append("protobuf data differs from the Peixun sample") }
        let j = try JSONDecoder().decode(F.JSON.self, from: jsonData)
        if j != json { problems.append("JSON round trip differs") }
        if try F.message(j) != peixun { problems.append("JSON data differs from the Peixun sample") }
        return problems
    }
}

// MARK: - Field conversions shared by the families

struct MirrorError: Error, CustomStringConvertible {
    var description: String
}

extension WireUUID {
    /// A uuid from its 16 big-endian bytes (the protobuf mirrors carry uuids as `bytes`).
    init(protoBytes data: Data) throws {
        let b = [UInt8](data)
        guard b.count == 16 else { throw MirrorError(description: "uuid of \(b.count) bytes") }
        self.init(
            high: b[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: b[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// A uuid from its text form (the JSON mirrors carry uuids as strings).
    init(json text: String) throws {
        guard let uuid = WireUUID(text) else { throw MirrorError(description: "not a uuid: \(text)") }
        self = uuid
    }

    var protoBytes: Data { Data(bytes) }
}

/// The case of a Peixun enum named `name` (the JSON mirrors carry enums by name).
func enumCase<E: CaseIterable>(_ name: String) throws -> E {
    guard let value = E.allCases.first(where: { "\($0)" == name }) else {
        throw MirrorError(description: "no \(E.self) named \(name)")
    }
    return value
}

/// The case of a protobuf enum with the same raw value as a Peixun one, and back.
func protoEnum<P: SwiftProtobuf.Enum, E: RawRepresentable>(_ value: E) -> P where E.RawValue == UInt32 {
    P(rawValue: Int(value.rawValue))!
}

func peixunEnum<E: RawRepresentable, P: SwiftProtobuf.Enum>(_ value: P) throws -> E where E.RawValue == UInt32 {
    guard let raw = UInt32(exactly: value.rawValue), let e = E(rawValue: raw) else {
        throw MirrorError(description: "no \(E.self) for \(value)")
    }
    return e
}
