public import PeixunCodec
public import PeixunMessages
import PeixunTransport
public import ZeroMQ

/// Why a command got no answer from the service at all.
public struct CommandClientError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var attempts: Int
    public var lastProblem: String
    public var description: String {
        "no answer from service '\(service)' after \(attempts) attempts (last: \(lastProblem))"
    }
}

/// Sends commands to a service through the broker and retries what got no answer — a timeout, no
/// worker yet, a broker restart — with the **same command id**, so the command takes effect once
/// whichever attempt, and whichever instance, carries it out. Not `Sendable`: it owns a socket.
public final class CommandClient {
    private let client: RequestClient

    public init(context: ZMQContext, broker: String, curve: ZMQCurveClientKeys? = nil) throws(ZMQError) {
        client = try RequestClient(context: context, broker: broker, curve: curve)
    }

    /// Sends `command` (an encoded message of the service's family) and returns the service's
    /// answer. Each attempt waits `timeout`; at most `attempts` attempts. `partitionKey` picks
    /// the partition of a partitioned service. The command id is time-ordered by default, so the
    /// service's command ledger grows at the end of its index.
    public func send(
        _ command: [UInt8], to service: String, partitionKey: String = "", commandID: WireUUID = .timeOrdered(),
        correlationID: WireUUID = .random(), timeout: Duration = .seconds(3), attempts: Int = 20
    ) throws -> CommandReply {
        let body = try CommandRequest(commandID: commandID, correlationID: correlationID, command: command).encoded()
        let outcome = try client.requestRetrying(service: service, partitionKey: partitionKey, body: body, timeout: timeout, attempts: attempts) { bytes in
            let answer = try CommandReply(decoding: bytes)
            // `failed` is not recorded by the service: another attempt may succeed.
            return answer.status == .failed ? (nil, "failed: \(answer.message)") : (answer, "")
        }
        switch outcome {
        case .success(let answer): return answer
        case .failure(let exhausted):
            throw CommandClientError(service: service, attempts: exhausted.attempts, lastProblem: exhausted.lastProblem)
        }
    }
}
