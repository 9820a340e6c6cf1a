import Logging
import PeixunTransport
import ZeroMQ

/// Answers libzmq's ZAP requests for the broker's CURVE sockets: a client whose public key is
/// in the allow-list gets in (`200`, its name as the user id), any other is refused (`400`) and
/// never reaches the request router or the bus. Counts both and logs each with the key's name
/// (or, for a refusal, the public key itself: never a secret).
struct ZAPHandler {
    let allowList: AllowList
    let counters: SharedValue<PeerCounters>
    let logger: Logger

    /// Binds the handler's REP socket: before any CURVE socket of `context` binds, since libzmq
    /// lets everyone in while no handler is bound.
    func bind(context: ZMQContext) throws(ZMQError) -> ZMQSocket {
        let socket = try context.socket(.rep)
        try socket.bind(ZMQZAP.endpoint)
        return socket
    }

    /// Answers until the context is shut down (ETERM), then returns.
    func run(_ socket: ZMQSocket) throws(ZMQError) {
        do {
            while true {
                guard let frames = try socket.receiveMultipart() else { continue }
                let request: ZMQZAP.Request
                do {
                    request = try ZMQZAP.Request(frames: frames)
                } catch {
                    // REP must answer before it can receive again; libzmq never sends this.
                    logger.error("malformed ZAP request", metadata: ["frames": "\(frames.count)"])
                    _ = try socket.sendMultipart([Array("1.0".utf8), [], Array("500".utf8), [], [], []])
                    continue
                }
                _ = try socket.sendMultipart(answer(request))
            }
        } catch where error.isTerminated {
            return
        }
    }

    /// The reply to one request, counted and logged.
    func answer(_ request: ZMQZAP.Request) -> [[UInt8]] {
        if let key = request.curvePublicKey, let name = allowList.name(of: key) {
            counters.update { $0.accepted += 1 }
            logger.info("peer accepted", metadata: ["key": "\(name)", "address": "\(request.address)"])
            return request.reply(accepted: true, text: "OK", userID: name)
        }
        var refused = 0
        counters.update { $0.refused += 1; refused = $0.refused }
        logger.warning(
            "peer refused: its key is not in the allow-list",
            metadata: [
                "publicKey": "\(request.curvePublicKey?.z85 ?? "none (\(request.mechanism))")",
                "address": "\(request.address)", "refused": "\(refused)",
            ])
        return request.reply(accepted: false, text: "key not allowed")
    }
}
