import BenchProto
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Envelope: `Envelope`, the second frame of every event on the bus (the most frequent message
/// of all: one per event of every service).
enum EnvelopeBench: CodecFamily {
    static func sample(_ random: inout SplitMix64) -> Envelope {
        Envelope(
            // A city-year is a few million events; this one is well into the year's stream.
            stream: StreamID(service: "enrollment", partition: 0), sequence: 1_284_337, eventType: MemberEnrolled.typeID,
            schemaVersion: 1, time: WireTimestamp(microsecondsSinceEpoch: 1_710_117_015_123_456),
            commandID: WireUUID.random(using: &random), correlationID: WireUUID.random(using: &random))
    }

    static func proto(_ m: Envelope) -> Peixun_Bench_Envelope {
        var p = Peixun_Bench_Envelope()
        p.stream.service = m.stream.service
        p.stream.partition = UInt32(m.stream.partition)
        p.sequence = m.sequence
        p.eventType = UInt32(m.eventType)
        p.schemaVersion = UInt32(m.schemaVersion)
        p.timeMicros = m.time.microsecondsSinceEpoch
        p.commandID = m.commandID.protoBytes
        p.correlationID = m.correlationID.protoBytes
        return p
    }

    static func message(_ q: Peixun_Bench_Envelope) throws -> Envelope {
        guard let partition = UInt16(exactly: q.stream.partition), let eventType = UInt16(exactly: q.eventType),
              let schemaVersion = UInt16(exactly: q.schemaVersion)
        else { throw MirrorError(description: "a u16 field out of range") }
        return Envelope(
            stream: StreamID(service: q.stream.service, partition: partition), sequence: q.sequence,
            eventType: eventType, schemaVersion: schemaVersion, time: WireTimestamp(microsecondsSinceEpoch: q.timeMicros),
            commandID: try WireUUID(protoBytes: q.commandID), correlationID: try WireUUID(protoBytes: q.correlationID))
    }

    static func json(_ m: Envelope) -> EnvelopeJSON {
        EnvelopeJSON(
            stream: .init(service: m.stream.service, partition: m.stream.partition), sequence: m.sequence,
            eventType: m.eventType, schemaVersion: m.schemaVersion, time: m.time.microsecondsSinceEpoch,
            commandID: m.commandID.description, correlationID: m.correlationID.description)
    }

    static func message(_ j: EnvelopeJSON) throws -> Envelope {
        Envelope(
            stream: StreamID(service: j.stream.service, partition: j.stream.partition), sequence: j.sequence,
            eventType: j.eventType, schemaVersion: j.schemaVersion, time: WireTimestamp(microsecondsSinceEpoch: j.time),
            commandID: try WireUUID(json: j.commandID), correlationID: try WireUUID(json: j.correlationID))
    }

    /// What a subscriber reads of every envelope: the sequence (gap check), the payload's type and
    /// the stream's service name.
    static func touch(_ view: Envelope.View) -> Int {
        Int(truncatingIfNeeded: view.sequence) &+ Int(view.eventType) &+ view.stream.service.utf8.count
    }
}

/// The Codable mirror: uuids as text, the time as integer microseconds.
struct EnvelopeJSON: Codable, Equatable {
    struct Stream: Codable, Equatable {
        var service: String
        var partition: UInt16
    }
    var stream: Stream
    var sequence: UInt64
    var eventType: UInt16
    var schemaVersion: UInt16
    var time: Int64
    var commandID: String
    var correlationID: String
}
