import GRDB
public import Logging
import PeixunCodec
import PeixunMessages
public import PeixunStore
public import PeixunTransport
public import ZeroMQ

/// Serves a service's queries on "<service>.query" through the broker's request path.
///
/// The queries waiting at the worker (up to its credit) are answered from **one** read of the
/// store: a WAL snapshot on a reader connection, so queries run beside the command worker's
/// writes, never wait for them and never see half a command. Each query gets an encoded
/// `QueryReply`:
/// - `accepted` with the service's answer, or `rejected` with its code and message;
/// - `malformed` when the body is not a message, or the service could not decode it (a
///   `WireError` out of `QueryService.answer` means exactly that);
/// - `failed` when the service threw anything else or the store could not be read (logged: a
///   bug or a broken file, which a client may retry).
///
/// Nothing is recorded: a query changes nothing, so a retry is simply asked again.
public struct QueryWorker: Sendable {
    public let store: ServiceStore
    /// The service whose queries these are ("enrollment"); the worker registers "<service>.query".
    public let service: String
    public let broker: String
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    /// The partition served, when the service is partitioned; nil: the whole service.
    public var partition: ServicePartition?
    public let queries: any QueryService
    /// Requests in flight at this worker, and so the most queries answered from one snapshot.
    public var credit = 16
    let logger: Logger
    /// When this worker was made: the process's start, for status pages.
    let startedAt = WireTimestamp.now
    /// Queries answered `malformed`.
    public let malformedQueries = SharedValue(0)
    /// What the rest of the process counts of bad input and failures, for `ShowStatus` (set by
    /// `ServiceHost`: its subscribers and command worker).
    public var problems: @Sendable () -> ProblemCounts = { ProblemCounts() }

    public init(store: ServiceStore, service: String, broker: String, queries: any QueryService, logger: Logger) {
        self.store = store
        self.service = service
        self.broker = broker
        self.queries = queries
        self.logger = logger
    }

    /// The service name the query worker registers.
    public static func serviceName(for service: String) -> String { "\(service).query" }

    /// Serves until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext, heartbeatInterval: Duration = .seconds(1), instance: String) throws {
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: Self.serviceName(for: service), credit: credit,
                heartbeatInterval: heartbeatInterval, instance: instance, curve: curve, partition: partition),
            logger: logger)
        let (problems, malformedQueries) = (problems, malformedQueries)
        let status = StatusAnswer(service: service, instance: instance, startedAt: startedAt) {
            var counts = problems()
            counts.malformedRequests += malformedQueries.value
            return counts
        }
        try worker.run(context: context) { (bodies: [[UInt8]], keepAlive: Worker.KeepAlive) in
            answers(bodies, status: status, keepAlive: keepAlive)
        }
    }

    /// SQLite steps between two calls of the worker's keep-alive while a batch is read (about a
    /// millisecond's work): a query that runs for seconds still heartbeats every interval.
    static let keepAliveInstructions: Int32 = 100_000

    /// Reply bodies (encoded `QueryReply`s) for request bodies, in order. `keepAlive` is called
    /// from inside the read, so a long one (a whole city's report) does not get this worker
    /// dropped by the broker, and its queries sent again, while it works.
    func answers(_ bodies: [[UInt8]], status: StatusAnswer, keepAlive: Worker.KeepAlive) -> [[UInt8]] {
        do {
            return try store.read { db in
                try db.callingEvery(Self.keepAliveInstructions, keepAlive) {
                    bodies.map { body in Self.encode(answer(body, status: status, in: db)) }
                }
            }
        } catch {
            // The read itself failed (the file is gone, unreadable): no query could be answered.
            logger.error("query batch failed", metadata: ["service": "\(service)", "error": "\(error)"])
            return bodies.map { _ in Self.encode(Self.failed) }
        }
    }

    private func answer(_ body: [UInt8], status: StatusAnswer, in db: Database) -> QueryReply {
        body.withUnsafeBytes { query in
            do {
                // Checked here so every service answers an empty or cut header the same way.
                let typeID = try WireReader.peekTypeID(query)
                if typeID == ShowStatus.typeID {
                    _ = try ShowStatus(decoding: query)
                    return QueryReply(status: .accepted, result: try status.view(in: db).encoded())
                }
                switch try queries.answer(query, in: db) {
                case .accepted(let result):
                    return QueryReply(status: .accepted, result: result)
                case .rejected(let code, let message):
                    return QueryReply(status: .rejected, code: code, message: message)
                }
            } catch let error as WireError {
                malformedQueries.update { $0 += 1 }
                return QueryReply(status: .malformed, code: "query.malformed", message: "the query could not be decoded: \(error)")
            } catch {
                logger.error("query failed", metadata: ["service": "\(service)", "error": "\(error)"])
                return Self.failed
            }
        }
    }

    static let failed = QueryReply(
        status: .failed, code: "query.failed", message: "the service could not answer the query; it may be asked again")

    /// Replies stay far below the codec's limits unless a result is itself too large, which the
    /// service must refuse rather than return; an unencodable reply goes out as `failed`.
    static func encode(_ reply: QueryReply) -> [UInt8] {
        if let bytes = try? reply.encoded() { return bytes }
        return (try? failed.encoded()) ?? []
    }
}
