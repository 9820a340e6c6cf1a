import PeixunTestSupport
import PeixunCodec
import PeixunMessages


extension Catalog {
    static let envelope: [MessageCase] = [
        .make(Envelope.self, family: EnvelopeFamily.name, [
            Envelope(
                stream: StreamID(service: "enrollment", partition: 3), sequence: 1_024, eventType: CheckedIn.typeID,
                schemaVersion: 1, time: march2024(plus: 3_600), commandID: IDs.command, correlationID: IDs.correlation,
                after: [StreamPosition(stream: StreamID(service: "enrollment", partition: 1), sequence: 1_200)]),
            Envelope(stream: StreamID(service: "报表", partition: .max), sequence: .max, eventType: .max, schemaVersion: 0),
        ]) { g in
            Envelope(
                stream: randomStreamID(&g), sequence: g.unsigned(), eventType: g.unsigned(), schemaVersion: g.unsigned(),
                time: g.timestamp(), commandID: g.uuid(), correlationID: g.uuid(),
                after: g.list { StreamPosition(stream: randomStreamID(&$0), sequence: $0.unsigned()) })
        },
        .make(StreamHead.self, family: EnvelopeFamily.name, [
            StreamHead(stream: StreamID(service: "scoring", partition: 0), headSequence: 88_888, time: march2024()),
        ]) { g in
            StreamHead(stream: randomStreamID(&g), headSequence: g.unsigned(), time: g.timestamp())
        },
        .make(ReplayRequest.self, family: EnvelopeFamily.name, [
            ReplayRequest(stream: StreamID(service: "enrollment", partition: 0), after: 41_999, limit: 1_000),
        ]) { g in
            ReplayRequest(stream: randomStreamID(&g), after: g.unsigned(), limit: g.unsigned())
        },
        .make(ReplayBatch.self, family: EnvelopeFamily.name, [
            ReplayBatch(stream: StreamID(service: "enrollment", partition: 0), head: 42_001, events: [
                ReplayedEvent(
                    topic: "enrollment.CheckedIn",
                    envelope: Envelope(
                        stream: StreamID(service: "enrollment", partition: 0), sequence: 42_000,
                        eventType: CheckedIn.typeID, schemaVersion: 1, time: march2024(plus: 60),
                        commandID: IDs.command, correlationID: IDs.correlation),
                    payload: [0x1e, 0x04, 0x00, 0x02, 0xE5, 0x85]),
            ]),
            ReplayBatch(stream: StreamID(service: "scoring", partition: 1), head: 0),
        ]) { g in
            ReplayBatch(stream: randomStreamID(&g), head: g.unsigned(), events: g.list {
                ReplayedEvent(
                    topic: $0.string(),
                    envelope: Envelope(
                        stream: randomStreamID(&$0), sequence: $0.unsigned(), eventType: $0.unsigned(),
                        schemaVersion: $0.unsigned(), time: $0.timestamp(), commandID: $0.uuid(),
                        correlationID: $0.uuid()),
                    payload: $0.bytes())
            })
        },
        .make(CommandRequest.self, family: EnvelopeFamily.name, [
            CommandRequest(commandID: IDs.command, correlationID: IDs.correlation, command: [0xEA, 0x03, 0x02, 0x00, 0x00]),
        ]) { g in
            CommandRequest(commandID: g.uuid(), correlationID: g.uuid(), command: g.bytes())
        },
        .make(CommandReply.self, family: EnvelopeFamily.name, [
            CommandReply(commandID: IDs.command, status: .accepted, result: [0xEA, 0x03, 0x00]),
            CommandReply(
                commandID: IDs.command, status: .rejected, code: "enrollment.periodFull",
                message: "第3期已满（40人），张伟已列入候补"),
        ]) { g in
            CommandReply(
                commandID: g.uuid(), status: g.anyCase(), code: g.string(), message: g.string(), result: g.bytes())
        },
        .make(QueryReply.self, family: EnvelopeFamily.name, [
            // The answer to a ListEnrollments for a period nobody joined yet: an EnrollmentList (1207) with no entries.
            QueryReply(status: .accepted, result: [0xB7, 0x04, 0x01, 0x00]),
            QueryReply(status: .rejected, code: "member.unknown", message: "党员编号 GD-9999 不存在"),
        ]) { g in
            QueryReply(status: g.anyCase(), code: g.string(), message: g.string(), result: g.bytes())
        },
        .make(ShowStatus.self, family: EnvelopeFamily.name, [ShowStatus()]) { _ in ShowStatus() },
        .make(ServiceStatusView.self, family: EnvelopeFamily.name, [
            ServiceStatusView(
                service: "reporting", instance: "reporting@中山-01:4242", processID: 4_242, startedAt: march2024(),
                streams: [StreamStatus(stream: StreamID(service: "reporting", partition: 0), head: 12, publishedThrough: 11)],
                cursors: [
                    CursorStatus(stream: StreamID(service: "enrollment", partition: 0), appliedThrough: 42_000),
                    CursorStatus(stream: StreamID(service: "scoring", partition: 0), appliedThrough: 0),
                ], malformedIgnored: 3, applyFailures: 1, malformedRequests: 40),
            ServiceStatusView(service: "archive"),
        ]) { g in
            ServiceStatusView(
                service: g.string(), instance: g.string(), processID: g.unsigned(), startedAt: g.timestamp(),
                streams: g.list { StreamStatus(stream: randomStreamID(&$0), head: $0.unsigned(), publishedThrough: $0.unsigned()) },
                cursors: g.list { CursorStatus(stream: randomStreamID(&$0), appliedThrough: $0.unsigned()) },
                malformedIgnored: g.unsigned(), applyFailures: g.unsigned(), malformedRequests: g.unsigned())
        },
    ]

    static func randomStreamID(_ g: inout SplitMix64) -> StreamID {
        StreamID(service: g.string(), partition: g.unsigned())
    }
}
