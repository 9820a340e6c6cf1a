public import PeixunCodec
public import PeixunMessages
import PeixunTransport
public import ZeroMQ

/// Why a query got no answer from the service at all.
public struct QueryClientError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var attempts: Int
    public var lastProblem: String
    public var description: String {
        "no answer from service '\(service)' after \(attempts) attempts (last: \(lastProblem))"
    }
}

/// Asks a service's queries through the broker ("<service>.query"). A query changes nothing, so
/// what got no answer — a timeout, no worker yet, a broker restart — or a `failed` answer is simply
/// asked again. Not `Sendable`: it owns a socket.
public final class QueryClient {
    private let client: RequestClient

    public init(context: ZMQContext, broker: String, curve: ZMQCurveClientKeys? = nil) throws(ZMQError) {
        client = try RequestClient(context: context, broker: broker, curve: curve)
    }

    /// Asks `query` (a query message of the service's family) of `service` ("enrollment"; the
    /// request goes to "enrollment.query") and returns the answer: accepted, rejected or
    /// malformed. Each attempt waits `timeout`; at most `attempts` attempts. `partitionKey` picks
    /// the partition of a partitioned service.
    public func ask(
        _ query: some WireMessage, service: String, partitionKey: String = "", partition: Int? = nil, timeout: Duration = .seconds(3),
        attempts: Int = 10
    ) throws -> QueryReply {
        try ask(
            encoded: try query.encoded(), service: service, partitionKey: partitionKey, partition: partition, timeout: timeout,
            attempts: attempts)
    }

    /// The same for a query already encoded (or, in tests, bytes that are not a query at all).
    public func ask(
        encoded body: [UInt8], service: String, partitionKey: String = "", partition: Int? = nil, timeout: Duration = .seconds(3),
        attempts: Int = 10
    ) throws -> QueryReply {
        // A partition by name (`scoring.query/1`), or by key, or the whole service.
        let queryService = QueryWorker.serviceName(for: service) + (partition.map { "/\($0)" } ?? "")
        let outcome = try client.requestRetrying(service: queryService, partitionKey: partitionKey, body: body, timeout: timeout, attempts: attempts) { bytes in
            let answer = try QueryReply(decoding: bytes)
            return answer.status == .failed ? (nil, "failed: \(answer.message)") : (answer, "")
        }
        switch outcome {
        case .success(let answer): return answer
        case .failure(let exhausted):
            throw QueryClientError(service: queryService, attempts: exhausted.attempts, lastProblem: exhausted.lastProblem)
        }
    }
}
