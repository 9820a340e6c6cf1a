import PeixunCodec
public import PeixunMessages
import PeixunTransport
public import ZeroMQ

/// The whole system's state, gathered in one pass (what `peixun status` shows, and what the demo
/// waits on): the broker's counters and services, then the status of each domain service that has
/// a query worker registered (streams and cursors), and each follower's lag: the followed stream's
/// head, as its owner reports it, minus the cursor.
public struct SystemStatus: Sendable {
    /// The domain services asked, in the order they are shown.
    public static let services = ["enrollment", "scoring", "reporting", "archive"]

    public var broker: BrokerStatus
    /// A service's status, or why it could not be had (not registered, not answering).
    public var services: [(name: String, status: Result<ServiceStatusView, StatusProblem>)]

    public struct StatusProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The broker did not answer `broker.status` with ok.
    public struct BrokerProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A follower's position on a stream, and how far behind the owner's head it is (nil when
    /// the owner did not answer).
    public struct Lag: Sendable {
        public var follower: String
        public var stream: StreamID
        public var appliedThrough: UInt64
        public var lag: UInt64?
    }

    public static func gather(
        broker endpoint: String, curve: ZMQCurveClientKeys? = nil, context: ZMQContext
    ) throws -> SystemStatus {
        let reply = try RequestClient(context: context, broker: endpoint, curve: curve).request(
            service: "broker.status", body: [], timeout: .seconds(2))
        guard reply.status == .ok else { throw BrokerProblem(description: "the broker at \(endpoint) answered \(reply.status): \(reply.detail)") }
        let broker = try BrokerStatus(decoding: reply.body)
        let registered = Set(broker.services.filter { $0.workers > 0 }.map(\.service))
        let queries = try QueryClient(context: context, broker: endpoint, curve: curve)
        var services = Self.services.flatMap { name in
            // A split service is shown partition by partition ("scoring/1"), each asked by name.
            let partitions = Self.partitions(of: name, registered: registered)
            guard !partitions.isEmpty else { return [(name, Self.status(of: name, partition: nil, registered: registered, queries: queries))] }
            return partitions.map { ("\(name)/\($0)", Self.status(of: name, partition: $0, registered: registered, queries: queries)) }
        }
        services = Self.addingDown(to: services)
        return SystemStatus(broker: broker, services: services)
    }

    /// A partition whose instance is down has no worker to list it; the followers still follow
    /// its stream. Each such partition of a split service is shown, not running, in its place.
    static func addingDown(
        to services: [(name: String, status: Result<ServiceStatusView, StatusProblem>)]
    ) -> [(name: String, status: Result<ServiceStatusView, StatusProblem>)] {
        let shown = Set(services.map(\.name))
        let followed = Set(services.flatMap { (try? $0.status.get())?.cursors.map(\.stream) ?? [] })
        var all = services
        for stream in followed where shown.contains(where: { $0.hasPrefix("\(stream.service)/") }) {
            let name = "\(stream.service)/\(stream.partition)"
            if !shown.contains(name) { all.append((name, .failure(StatusProblem(description: "not running (no worker registered with the broker)")))) }
        }
        // In the services' order, each split service's partitions in number order.
        func place(_ name: String) -> (Int, Int) {
            let parts = name.split(separator: "/")
            return (Self.services.firstIndex(of: String(parts[0])) ?? Self.services.count, parts.count > 1 ? Int(parts[1]) ?? 0 : -1)
        }
        return all.sorted { place($0.name) < place($1.name) }
    }

    /// The partitions of `service` whose query workers are registered (`<service>.query/<p>`).
    static func partitions(of service: String, registered: Set<String>) -> [Int] {
        let prefix = QueryWorker.serviceName(for: service) + "/"
        return registered.compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil }.sorted()
    }

    private static func status(
        of service: String, partition: Int?, registered: Set<String>, queries: QueryClient
    ) -> Result<ServiceStatusView, StatusProblem> {
        guard partition != nil || registered.contains(QueryWorker.serviceName(for: service)) else {
            return .failure(StatusProblem(description: "not running (no worker registered with the broker)"))
        }
        do {
            let answer = try queries.ask(ShowStatus(), service: service, partition: partition, timeout: .seconds(2), attempts: 2)
            guard answer.status == .accepted else {
                return .failure(StatusProblem(description: "answered \(answer.status) (\(answer.code)): \(answer.message)"))
            }
            return .success(try ServiceStatusView(decoding: answer.result))
        } catch {
            return .failure(StatusProblem(description: "\(error)"))
        }
    }

    /// Every stream's head, by the service that owns it.
    public var heads: [StreamID: UInt64] {
        var heads: [StreamID: UInt64] = [:]
        for case (_, .success(let view)) in services {
            for stream in view.streams { heads[stream.stream] = stream.head }
        }
        return heads
    }

    /// Every follower's cursor with its lag (nil when the stream's owner did not answer; an owner
    /// that answered without the stream has committed nothing on it: head 0).
    public var lags: [Lag] {
        let heads = heads
        let answered = Set(services.compactMap { name, status in (try? status.get()) == nil ? nil : name })
        return services.flatMap { name, status -> [Lag] in
            guard case .success(let view) = status else { return [] }
            return view.cursors.map { cursor in
                // The stream's owner: the service, or its partition when split.
                let owner = answered.contains(cursor.stream.service) ? cursor.stream.service : "\(cursor.stream.service)/\(cursor.stream.partition)"
                let head = answered.contains(owner) ? heads[cursor.stream] ?? 0 : nil
                return Lag(
                    follower: name, stream: cursor.stream, appliedThrough: cursor.appliedThrough,
                    lag: head.map { $0 > cursor.appliedThrough ? $0 - cursor.appliedThrough : 0 })
            }
        }
    }

    /// Every follower that answered is at its owners' heads (and every owner it follows answered):
    /// nothing published is still to be applied by a running service, once no more commands come.
    /// A service that is not running is not waited for.
    public var quiescent: Bool {
        services.contains { (try? $0.status.get()) != nil } && lags.allSatisfy { $0.lag == 0 }
    }
}
