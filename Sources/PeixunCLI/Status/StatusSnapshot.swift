import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import ZeroMQ

/// What `peixun status` shows, gathered in one pass: the broker's counters and services, then the
/// status of each domain service that has a query worker registered (streams and cursors), and
/// each follower's lag: the followed stream's head, as its owner reports it, minus the cursor.
struct StatusSnapshot {
    /// The domain services `status` asks, in the order they are shown.
    static let services = ["enrollment", "scoring", "reporting", "archive"]

    var broker: BrokerStatus
    /// A service's status, or why it could not be had (not registered, not answering).
    var services: [(name: String, status: Result<ServiceStatusView, StatusProblem>)]

    struct StatusProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// A follower's position on a stream, and how far behind the owner's head it is (nil when
    /// the owner did not answer).
    struct Lag {
        var follower: String
        var stream: StreamID
        var appliedThrough: UInt64
        var lag: UInt64?
    }

    static func gather(broker endpoint: String, curve: ZMQCurveClientKeys?, context: ZMQContext) throws -> StatusSnapshot {
        let reply = try RequestClient(context: context, broker: endpoint, curve: curve).request(
            service: "broker.status", body: [], timeout: .seconds(2))
        guard reply.status == .ok else { throw CLIError("the broker at \(endpoint) answered \(reply.status): \(reply.detail)") }
        let broker = try BrokerStatus(decoding: reply.body)
        let registered = Set(broker.services.filter { $0.workers > 0 }.map(\.service))
        let queries = try QueryClient(context: context, broker: endpoint, curve: curve)
        let services = Self.services.map { name in
            (name, Self.status(of: name, registered: registered, queries: queries))
        }
        return StatusSnapshot(broker: broker, services: services)
    }

    private static func status(
        of service: String, registered: Set<String>, queries: QueryClient
    ) -> Result<ServiceStatusView, StatusProblem> {
        guard registered.contains(QueryWorker.serviceName(for: service)) else {
            return .failure(StatusProblem(description: "not running (no worker registered with the broker)"))
        }
        do {
            let answer = try queries.ask(ShowStatus(), service: service, timeout: .seconds(2), attempts: 2)
            guard answer.status == .accepted else {
                return .failure(StatusProblem(description: "answered \(answer.status) (\(answer.code)): \(answer.message)"))
            }
            return .success(try ServiceStatusView(decoding: answer.result))
        } catch {
            return .failure(StatusProblem(description: "\(error)"))
        }
    }

    /// Every stream's head, by the service that owns it.
    var heads: [StreamID: UInt64] {
        var heads: [StreamID: UInt64] = [:]
        for case (_, .success(let view)) in services {
            for stream in view.streams { heads[stream.stream] = stream.head }
        }
        return heads
    }

    /// Every follower's cursor with its lag (nil when the stream's owner did not answer; an owner
    /// that answered without the stream has committed nothing on it: head 0).
    var lags: [Lag] {
        let heads = heads
        let answered = Set(services.compactMap { name, status in (try? status.get()) == nil ? nil : name })
        return services.flatMap { name, status -> [Lag] in
            guard case .success(let view) = status else { return [] }
            return view.cursors.map { cursor in
                let head = answered.contains(cursor.stream.service) ? heads[cursor.stream] ?? 0 : nil
                return Lag(
                    follower: name, stream: cursor.stream, appliedThrough: cursor.appliedThrough,
                    lag: head.map { $0 > cursor.appliedThrough ? $0 - cursor.appliedThrough : 0 })
            }
        }
    }
}
