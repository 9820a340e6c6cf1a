// The broker-frames target (PEIXUN_FUZZ_FAMILY=broker-frames): an input is a sequence of ROUTER
// messages and clock ticks, fed to the broker's own routing code (`RouterInput.route` into a
// `RequestRouter`, compiled in from Sources/PeixunBroker), as the request loop does with what its
// socket receives. Any crash, and any broken rule below, is a bug:
// - every malformed message is counted as a protocol error;
// - the router never replies to a request id it was not given by that client.
import PeixunCodec
import PeixunMessages

/// Decodes the input into messages: a byte `op`; `op % 8 == 7` advances the clock by the next byte
/// × 100 ms; otherwise a message of `1 + op % 4` frames: the peer (one byte: four peers, so workers
/// and clients meet), then each frame as a length byte and that many bytes (a frame whose length
/// byte is ≥ 0xF0 is instead a real control message: ready, heartbeat, request or reply, so the
/// fuzzer reaches the router's deeper states from the seeds).
func checkBrokerFrames(_ input: UnsafeRawBufferPointer) {
    var router = RequestRouter<[UInt8]>(configuration: RouterConfiguration(heartbeatInterval: .seconds(1), liveness: 3))
    var partitions = PartitionTable()
    var reader = ByteStream(input)
    var now = RouterInstant(nanoseconds: 1_000_000_000)
    var requested: Set<[UInt8]> = []  // "peer/request id" given by clients
    func check(_ actions: [RequestRouter<[UInt8]>.Action]) {
        for action in actions {
            guard case .sendReply(let client, let requestID, _, _, _) = action else { continue }
            if !requested.contains(requestKey(client.bytes, requestID.high, requestID.low)) { fatalError("a reply to request \(requestID) that \(client) never sent") }
        }
    }
    while let op = reader.next() {
        if op % 8 == 7 {
            now = RouterInstant(nanoseconds: now.nanoseconds + UInt64(reader.next() ?? 0) * 100_000_000)
            check(router.tick(now: now))
            continue
        }
        let peer = [reader.next().map { $0 % 4 } ?? 0]
        var frames: [[UInt8]] = [peer]
        for _ in 0..<(1 + Int(op % 4)) { frames.append(reader.frame(peer: peer)) }
        guard frames.count >= 2 else { continue }
        if let request = try? ClientRequest(decoding: frames[1]), frames.count == 3 {
            requested.insert(requestKey(peer, request.requestID.high, request.requestID.low))
        }
        let before = router.counters.protocolErrors
        let outcome = frames[1].withUnsafeBytes { control in
            RouterInput.route(
                frameCount: frames.count, peer: peer, control: control, body: { frames.count > 2 ? frames[2] : [] },
                statusService: "broker.status", router: &router, partitions: &partitions, now: now)
        }
        switch outcome {
        case .actions(let actions): check(actions)
        case .status: break
        case .malformed:
            if router.counters.protocolErrors != before + 1 { fatalError("a malformed message was not counted") }
        }
    }
    check(router.tick(now: RouterInstant(nanoseconds: now.nanoseconds + 3_600_000_000_000)))
}

/// A client's request id as one key: the client's routing id, then the id's two halves.
func requestKey(_ client: [UInt8], _ high: UInt64, _ low: UInt64) -> [UInt8] {
    client + withUnsafeBytes(of: (high, low)) { Array($0) }
}

/// Reads an input byte by byte.
struct ByteStream {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// A frame: raw bytes after a length byte, or a real control message (length byte ≥ 0xF0).
    mutating func frame(peer: [UInt8]) -> [UInt8] {
        guard let length = next() else { return [] }
        if length >= 0xF0 { return control(kind: length - 0xF0, peer: peer) }
        var frame: [UInt8] = []
        for _ in 0..<length { guard let byte = next() else { break }; frame.append(byte) }
        return frame
    }

    /// A well-formed control message of a kind the next bytes pick: ready, heartbeat, a request,
    /// a reply (to a request id and client the bytes pick), a disconnect, a partition's ready, a
    /// request with a partition key.
    mutating func control(kind: UInt8, peer: [UInt8]) -> [UInt8] {
        let id = WireUUID(high: UInt64(next() ?? 0), low: 1)
        let service = ["echo", "enrollment", "broker.status", "enrollment/1", "enrollment/7"][Int(next() ?? 0) % 5]
        let message: any WireMessage = switch kind % 7 {
        case 0: WorkerReady(service: service, credit: UInt32(next() ?? 1), instance: "w")
        case 1: WorkerHeartbeat()
        case 2: ClientRequest(service: service, requestID: id, timeoutMilliseconds: UInt32(next() ?? 0) * 100)
        case 3: WorkerReply(requestID: id, client: [next().map { $0 % 4 } ?? 0])
        case 4: WorkerDisconnect()
        case 5:
            WorkerReady(
                service: service, credit: UInt32(next() ?? 1), instance: "p", partition: UInt16(next() ?? 0) % 4,
                partitionCount: UInt16(next() ?? 0) % 4)
        default:
            ClientRequest(
                service: service, requestID: id, timeoutMilliseconds: UInt32(next() ?? 0) * 100,
                partitionKey: ["", "ZS-01", "中山-火炬"][Int(next() ?? 0) % 3])
        }
        return encodeAny(message)
    }
}
