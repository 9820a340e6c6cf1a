import PeixunCodec
import PeixunMessages
import Testing

@testable import PeixunBroker

/// Issue 10, scaling one service: the broker routes a request for a partitioned service to the
/// worker of the partition its key falls in (protocols/README.md, "Partitions").
@Suite("Partitions")
struct PartitionTests {
    @Test("a key's partition is 32-bit FNV-1a of its UTF-8 bytes modulo the count, the same for any client")
    func keyHash() {
        // FNV-1a reference values: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
        #expect(PartitionKey.partition(of: "", count: 1 << 16) == 0x811c9dc5 % (1 << 16))
        #expect(PartitionKey.partition(of: "a", count: 1 << 16) == 0xe40c292c % (1 << 16))
        #expect(PartitionKey.partition(of: "foobar", count: 1 << 16) == 0xbf9cf968 % (1 << 16))
        #expect(PartitionKey.partition(of: "foobar", count: 4) == Int(0xbf9cf968 % 4))
        // Chinese keys hash their UTF-8 bytes; twenty town codes reach every partition of 4.
        let towns = (1...20).map { "中山-\($0)镇" }
        #expect(Set(towns.map { PartitionKey.partition(of: $0, count: 4) }) == [0, 1, 2, 3])
    }

    @Test("workers announce their partition; a second count for the same service, a partition out of range or a name ending in /n is refused with the reason")
    func registration() {
        var table = PartitionTable()
        #expect(table.register(service: "echo", partition: 0, count: 0) == .service("echo"))
        #expect(table.register(service: "enrollment", partition: 1, count: 4) == .service("enrollment/1"))
        #expect(table.count(of: "enrollment") == 4)
        #expect(table.register(service: "enrollment", partition: 0, count: 2) == .refused("enrollment has 4 partitions; this worker announced 2"))
        #expect(table.register(service: "enrollment", partition: 0, count: 0) == .refused("enrollment has 4 partitions; this worker announced none"))
        #expect(table.register(service: "scoring", partition: 5, count: 4) == .refused("partition 5 of scoring is outside 0..<4"))
        #expect(table.register(service: "scoring/2", partition: 0, count: 0)
            == .refused("scoring/2: a service name may not end in /<number>; announce the partition in WorkerReady"))
    }

    @Test("requests go by key or by partition name; unpartitioned services ignore keys and answer to /0; a partitioned one refuses a request with neither")
    func destinations() {
        var table = PartitionTable()
        _ = table.register(service: "enrollment", partition: 0, count: 4)
        let key = "火炬开发区", partition = PartitionKey.partition(of: "火炬开发区", count: 4)
        #expect(table.destination(service: "enrollment", key: key) == .service("enrollment/\(partition)"))
        #expect(table.destination(service: "enrollment.replay/3", key: "") == .service("enrollment.replay/3"))
        #expect(table.destination(service: "enrollment/2", key: "") == .service("enrollment/2"))
        #expect(table.destination(service: "enrollment/9", key: "") == .invalid("enrollment has 4 partitions; there is no partition 9"))
        #expect(table.destination(service: "enrollment/2", key: key) == .invalid("enrollment/2 names a partition; a partition key is not allowed with it"))
        #expect(table.destination(service: "enrollment", key: "")
            == .invalid("enrollment has 4 partitions: the request needs a partition key or a partition (enrollment/0 …)"))
        #expect(table.destination(service: "reporting", key: key) == .service("reporting"))
        #expect(table.destination(service: "reporting.replay/0", key: "") == .service("reporting.replay"))
        #expect(table.destination(service: "reporting.replay/1", key: "") == .service("reporting.replay/1"))
    }

    @Test("through the broker's own input path: each key reaches its partition's worker, a partition whose worker is gone answers noWorker naming it while the others are served, and a keyless request is invalid at once")
    func routing() throws {
        var broker = PartitionedBroker()
        broker.ready("w0", "enrollment", partition: 0, of: 2)
        broker.ready("w1", "enrollment", partition: 1, of: 2)
        let keys = (1...40).map { "ZS-\($0)" }
        for (number, key) in keys.enumerated() {
            let sent = broker.request("c", number, service: "enrollment", key: key)
            #expect(sent.requests.map(\.worker) == ["w\(PartitionKey.partition(of: key, count: 2))"], "key \(key)")
            #expect(broker.reply(from: sent.requests[0].worker, to: "c", number).replies.map(\.status) == [.ok])
        }

        // w1 leaves: partition 1 waits (and times out noWorker), partition 0 goes on.
        broker.disconnect("w1")
        let lost = try #require(keys.first { PartitionKey.partition(of: $0, count: 2) == 1 })
        let kept = try #require(keys.first { PartitionKey.partition(of: $0, count: 2) == 0 })
        #expect(broker.request("c", 100, service: "enrollment", key: lost).isEmpty, "waits for a worker of enrollment/1")
        #expect(broker.request("c", 101, service: "enrollment", key: kept).requests.map(\.worker) == ["w0"])
        #expect(broker.reply(from: "w0", to: "c", 101).replies.map(\.status) == [.ok])
        let expired = broker.tick(seconds: 2)
        #expect(expired.replies.map(\.status) == [.noWorker])
        #expect(expired.details.first?.contains("enrollment/1") == true, "detail: \(expired.details)")

        let keyless = broker.request("c", 102, service: "enrollment", key: "")
        #expect(keyless.replies.map(\.status) == [.invalid])
        #expect(broker.router.counters.requestsFailedInvalid == 1)

        // A worker announcing another count is told why and never gets requests.
        let refused = broker.ready("w2", "enrollment", partition: 1, of: 3)
        #expect(refused.disconnects == ["enrollment has 2 partitions; this worker announced 3"])
        #expect(broker.router.workers(of: "enrollment/1").isEmpty)
    }
}

/// The broker's input path (`RouterInput.route` with a `PartitionTable`) fed encoded frames.
private struct PartitionedBroker {
    var router = RequestRouter<[UInt8]>(configuration: RouterConfiguration(heartbeatInterval: .seconds(1), liveness: 3))
    var partitions = PartitionTable()
    var now = RouterInstant(nanoseconds: 1_000_000_000)

    @discardableResult
    mutating func ready(_ worker: String, _ service: String, partition: Int, of count: Int) -> [RequestRouter<[UInt8]>.Action] {
        route(worker, WorkerReady(service: service, credit: 8, instance: worker, partition: UInt16(partition), partitionCount: UInt16(count)), frames: 2)
    }

    mutating func request(_ client: String, _ number: Int, service: String, key: String) -> [RequestRouter<[UInt8]>.Action] {
        route(client, ClientRequest(service: service, requestID: Self.id(number), timeoutMilliseconds: 1_000, partitionKey: key), frames: 3)
    }

    mutating func reply(from worker: String, to client: String, _ number: Int) -> [RequestRouter<[UInt8]>.Action] {
        route(worker, WorkerReply(requestID: Self.id(number), client: Array(client.utf8)), frames: 3)
    }

    mutating func disconnect(_ worker: String) { _ = route(worker, WorkerDisconnect(), frames: 2) }

    mutating func tick(seconds: Int) -> [RequestRouter<[UInt8]>.Action] {
        now = RouterInstant(nanoseconds: now.nanoseconds + UInt64(seconds) * 1_000_000_000)
        return router.tick(now: now)
    }

    static func id(_ number: Int) -> WireUUID { WireUUID(high: 0x5045_4958_554e_0000, low: UInt64(number)) }

    private mutating func route(_ peer: String, _ message: some WireMessage, frames: Int) -> [RequestRouter<[UInt8]>.Action] {
        let control = try! message.encoded()
        let outcome = control.withUnsafeBytes { bytes in
            RouterInput.route(
                frameCount: frames, peer: Array(peer.utf8), control: bytes, body: { Array("body".utf8) }, statusService: "broker.status",
                router: &router, partitions: &partitions, now: now)
        }
        guard case .actions(let actions) = outcome else {
            Issue.record("not routed: \(outcome)")
            return []
        }
        return actions
    }
}

extension [RequestRouter<[UInt8]>.Action] {
    var requests: [(worker: String, id: Int)] {
        compactMap {
            if case .sendRequest(let worker, let id, _, _, _) = $0 { (String(decoding: worker.bytes, as: UTF8.self), Int(id.low)) } else { nil }
        }
    }

    var replies: [(status: PeixunBroker.ReplyStatus, id: Int)] {
        compactMap { if case .sendReply(_, let id, let status, _, _) = $0 { (status, Int(id.low)) } else { nil } }
    }

    var details: [String] {
        compactMap { if case .sendReply(_, _, _, let detail, _) = $0 { detail } else { nil } }
    }

    var disconnects: [String] {
        compactMap { if case .sendDisconnect(_, let reason) = $0 { reason } else { nil } }
    }
}
