import PeixunCodec
import PeixunMessages

/// One ROUTER message (peer id, control frame, maybe a body) turned into what it asks of the
/// ``RequestRouter``. Pure, with no socket: the request loop and the broker-frames fuzzer
/// (Fuzz/FuzzBrokerFrames.swift) run the same code.
enum RouterInput {
    enum Outcome {
        /// What the router decided, for the loop to send.
        case actions([RequestRouter<[UInt8]>.Action])
        /// A request for `broker.status`, which the loop answers itself.
        case status(peer: PeerID, requestID: WireUUID)
        /// Not a request-path message (too few frames, a control frame that does not decode or a
        /// wrong frame count for its type); counted. The router has been told of the peer.
        case malformed
    }

    /// Routes a message of `frameCount` frames from `peer` whose control frame is `control`;
    /// `body` reads the third frame when the message type has one.
    static func route(
        frameCount: Int, peer: [UInt8], control: UnsafeRawBufferPointer, body: () -> [UInt8],
        statusService: String, router: inout RequestRouter<[UInt8]>, partitions: inout PartitionTable, now: RouterInstant
    ) -> Outcome {
        let peer = PeerID(peer)
        guard let input = try? decode(control) else { return malformed(peer, &router) }
        switch input {
        case .clientRequest(let request):
            guard frameCount == 3 else { return malformed(peer, &router) }
            if request.service == statusService { return .status(peer: peer, requestID: request.requestID) }
            switch partitions.destination(service: request.service, key: request.partitionKey) {
            case .service(let service):
                return .actions(router.clientRequest(
                    from: peer, service: service, requestID: RequestID(request.requestID),
                    timeout: .milliseconds(Int64(request.timeoutMilliseconds)), body: body(), now: now))
            case .invalid(let detail):
                return .actions(router.refuseRequest(from: peer, requestID: RequestID(request.requestID), detail: detail))
            }
        case .ready(let ready):
            guard frameCount == 2 else { return malformed(peer, &router) }
            switch partitions.register(service: ready.service, partition: Int(ready.partition), count: Int(ready.partitionCount)) {
            case .service(let service):
                return .actions(router.workerReady(from: peer, service: service, credit: Int(ready.credit), now: now))
            case .refused(let reason):
                // Dropped if it was a worker (its requests go to others), and told why.
                return .actions(router.workerDisconnect(from: peer, now: now) + [.sendDisconnect(to: peer, reason: reason)])
            }
        case .heartbeat:
            return .actions(router.workerHeartbeat(from: peer, now: now))
        case .reply(let reply):
            guard frameCount == 3 else { return malformed(peer, &router) }
            return .actions(router.workerReply(
                from: peer, requestID: RequestID(reply.requestID), client: PeerID(reply.client), body: body(), now: now))
        case .disconnect:
            return .actions(router.workerDisconnect(from: peer, now: now))
        }
    }

    private static func malformed(_ peer: PeerID, _ router: inout RequestRouter<[UInt8]>) -> Outcome {
        router.malformedMessage(from: peer)
        return .malformed
    }

    /// The router input a control frame stands for.
    enum Input {
        case clientRequest(ClientRequest)
        case ready(WorkerReady)
        case heartbeat
        case reply(WorkerReply)
        case disconnect
    }

    static func decode(_ control: UnsafeRawBufferPointer) throws(WireError) -> Input {
        switch try WireReader.peekTypeID(control) {
        case ClientRequest.typeID:
            return .clientRequest(try ClientRequest(decoding: control))
        case WorkerReady.typeID:
            return .ready(try WorkerReady(decoding: control))
        case WorkerHeartbeat.typeID:
            _ = try WorkerHeartbeat(decoding: control)
            return .heartbeat
        case WorkerReply.typeID:
            return .reply(try WorkerReply(decoding: control))
        case WorkerDisconnect.typeID:
            _ = try WorkerDisconnect(decoding: control)
            return .disconnect
        case let other:
            throw WireError(.unexpectedMessageType, at: 0, detail: "type \(other) on the request path")
        }
    }
}

extension RequestID {
    init(_ uuid: WireUUID) { self.init(high: uuid.high, low: uuid.low) }
    var wire: WireUUID { WireUUID(high: high, low: low) }
}
