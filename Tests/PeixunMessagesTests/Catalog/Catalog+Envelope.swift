import PeixunTestSupport
import PeixunCodec
import PeixunMessages


extension Catalog {
    static let envelope: [MessageCase] = [
        .make(Envelope.self, family: EnvelopeFamily.name, [
            Envelope(
                stream: StreamID(service: "enrollment", partition: 3), sequence: 1_024, eventType: CheckedIn.typeID,
                schemaVersion: 1, time: march2024(plus: 3_600), commandID: IDs.command, correlationID: IDs.correlation),
            Envelope(stream: StreamID(service: "报表", partition: .max), sequence: .max, eventType: .max, schemaVersion: 0),
        ]) { g in
            Envelope(
                stream: randomStreamID(&g), sequence: g.unsigned(), eventType: g.unsigned(), schemaVersion: g.unsigned(),
                time: g.timestamp(), commandID: g.uuid(), correlationID: g.uuid())
        },
        .make(StreamHead.self, family: EnvelopeFamily.name, [
            StreamHead(stream: StreamID(service: "scoring", partition: 0), headSequence: 88_888, time: march2024()),
        ]) { g in
            StreamHead(stream: randomStreamID(&g), headSequence: g.unsigned(), time: g.timestamp())
        },
    ]

    static func randomStreamID(_ g: inout SplitMix64) -> StreamID {
        StreamID(service: g.string(), partition: g.unsigned())
    }
}
