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
        var refusals: [String: Int] = [:]
        do {
            while true {
                guard let frames = try socket.receiveMultipart() else { continue }
                let request: ZMQZAP.Request
                do {
                    request = try ZMQZAP.Request(frames: frames)
                } catch {
                    // REP must answer before it can receive again; libzmq never sends this.
                    logger.error("malformed ZAP request", metadata: ["frames": "\(frames.count)"])
                    let requestID = frames.count > 1 ? frames[1] : []
                    _ = try socket.sendMultipart(
                        ZMQZAP.reply(requestID: requestID, status: "500", text: "malformed request"))
                    continue
                }
                _ = try socket.sendMultipart(answer(request, refusals: &refusals))
            }
        } catch where error.isTerminated {
            return
        }
    }

    /// The reply to one request, counted and logged. A refused client tries its handshake again
    /// and again, so a key's refusals are logged at its 1st, 10th, 100th… (`refusals` holds the
    /// count per key); every one is counted.
    func answer(_ request: ZMQZAP.Request, refusals: inout [String: Int]) -> [[UInt8]] {
        if let key = request.curvePublicKey, let name = allowList.name(of: key) {
            counters.update { $0.accepted += 1 }
            logger.info("peer accepted", metadata: ["key": "\(name)", "address": "\(request.address)"])
            return request.reply(accepted: true, text: "OK", userID: name)
        }
        counters.update { $0.refused += 1 }
        let key = request.curvePublicKey?.z85 ?? "none (\(request.mechanism))"
        let times = refusals[key, default: 0] + 1
        refusals[key] = times
        if Self.isPowerOfTen(times) {
            logger.warning(
                "peer refused: its key is not in the allow-list",
                metadata: ["publicKey": "\(key)", "address": "\(request.address)", "times": "\(times)"])
        }
        return request.reply(accepted: false, text: "key not allowed")
    }

    static func isPowerOfTen(_ value: Int) -> Bool {
        var value = value
        while value >= 10, value % 10 == 0 { value /= 10 }
        return value == 1
    }
}
