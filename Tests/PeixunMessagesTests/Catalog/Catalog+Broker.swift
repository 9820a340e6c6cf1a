import PeixunCodec
import PeixunMessages


extension Catalog {
    static let broker: [MessageCase] = [
        .make(ClientRequest.self, family: BrokerFamily.name, [
            ClientRequest(service: "enrollment", requestID: IDs.request, timeoutMilliseconds: 3_000),
            ClientRequest(service: "报名", requestID: IDs.command, timeoutMilliseconds: .max),
            ClientRequest(service: "enrollment", requestID: IDs.request, timeoutMilliseconds: 3_000, partitionKey: "中山-火炬开发区"),
        ]) { g in
            ClientRequest(service: g.string(), requestID: g.uuid(), timeoutMilliseconds: g.unsigned(), partitionKey: g.string())
        },
        .make(ClientReply.self, family: BrokerFamily.name, [
            ClientReply(requestID: IDs.request, status: .noWorker, detail: "没有可用的 enrollment 工作进程"),
            ClientReply(requestID: IDs.request, status: .ok, detail: ""),
        ]) { g in
            ClientReply(requestID: g.uuid(), status: g.anyCase(), detail: g.string())
        },
        .make(WorkerReady.self, family: BrokerFamily.name, [
            WorkerReady(service: "enrollment", credit: 16, instance: "enrollment@中山-01:4242"),
            WorkerReady(service: "enrollment", credit: 256, instance: "enrollment@中山-02:4343", partition: 3, partitionCount: 4),
        ]) { g in
            WorkerReady(service: g.string(), credit: g.unsigned(), instance: g.string(), partition: g.unsigned(), partitionCount: g.unsigned())
        },
        .make(WorkerHeartbeat.self, family: BrokerFamily.name, [WorkerHeartbeat()]) { _ in WorkerHeartbeat() },
        .make(WorkerReply.self, family: BrokerFamily.name, [
            WorkerReply(requestID: IDs.request, client: [0x00, 0x6B, 0x8B, 0x45, 0x67]),
        ]) { g in
            WorkerReply(requestID: g.uuid(), client: g.bytes())
        },
        .make(WorkerDisconnect.self, family: BrokerFamily.name, [WorkerDisconnect()]) { _ in WorkerDisconnect() },
        .make(WorkerRequest.self, family: BrokerFamily.name, [
            WorkerRequest(requestID: IDs.request, client: [0x00, 0x6B, 0x8B, 0x45, 0x67], service: "scoring"),
        ]) { g in
            WorkerRequest(requestID: g.uuid(), client: g.bytes(), service: g.string())
        },
        .make(BrokerHeartbeat.self, family: BrokerFamily.name, [BrokerHeartbeat()]) { _ in BrokerHeartbeat() },
        .make(BrokerDisconnect.self, family: BrokerFamily.name, [
            BrokerDisconnect(reason: "未注册：请重新发送 WorkerReady"),
        ]) { g in
            BrokerDisconnect(reason: g.string())
        },
        .make(BrokerStatus.self, family: BrokerFamily.name, [
            BrokerStatus(
                eventsForwarded: 1_234_567, eventsDropped: 3, subscriptionsForwarded: 12, busMalformed: 0,
                requestsReceived: 5_000, requestsReplied: 4_990, requestsFailed: 10, requestsRequeued: 2,
                malformedFrames: 1, workersExpired: 1,
                services: [
                    ServiceStatus(service: "enrollment", workers: 2, queued: 0),
                    ServiceStatus(service: "报表", workers: 0, queued: 7),
                ]),
        ]) { g in
            BrokerStatus(
                eventsForwarded: g.unsigned(), eventsDropped: g.unsigned(), subscriptionsForwarded: g.unsigned(),
                busMalformed: g.unsigned(), requestsReceived: g.unsigned(), requestsReplied: g.unsigned(),
                requestsFailed: g.unsigned(), requestsRequeued: g.unsigned(), malformedFrames: g.unsigned(),
                workersExpired: g.unsigned(),
                services: g.list { ServiceStatus(service: $0.string(), workers: $0.unsigned(), queued: $0.unsigned()) })
        },
    ]
}
