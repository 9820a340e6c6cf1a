import PeixunMessages

/// Which services are split into partitions, and into how many: what turns a request's partition
/// key into the router's name for the partition, `S/p` (protocols/README.md, "Partitions").
///
/// Pure and small: the request loop and the broker-frames fuzzer keep one beside the router. A
/// count, once learned from a worker, is kept for the broker's lifetime, so a partition whose
/// every worker died still has its requests queued under its own name (and answered `noWorker`
/// naming it) instead of landing anywhere else.
public struct PartitionTable: Sendable {
    /// What a worker's `WorkerReady` registers as.
    public enum Registration: Equatable, Sendable {
        /// The router service the worker serves: `S`, or `S/p` for a partition.
        case service(String)
        /// The worker contradicts what the broker knows; it is told why and not registered.
        case refused(String)
    }

    /// What a client's request is routed to.
    public enum Destination: Equatable, Sendable {
        case service(String)
        /// The request cannot be routed; it is answered `invalid` with this detail.
        case invalid(String)
    }

    private var counts: [String: Int] = [:]

    public init() {}

    /// The partition count the broker knows for `service` (nil: not partitioned, or not known yet).
    public func count(of service: String) -> Int? { counts[service] }

    /// Registers a worker of `service` announcing `partition` of `count` (count 0 or 1: unpartitioned).
    public mutating func register(service: String, partition: Int, count: Int) -> Registration {
        if Self.split(service) != nil {
            return .refused("\(service): a service name may not end in /<number>; announce the partition in WorkerReady")
        }
        guard count > 1 else {
            if let known = counts[service] {
                return .refused("\(service) has \(known) partitions; this worker announced none")
            }
            return .service(service)
        }
        guard partition < count else {
            return .refused("partition \(partition) of \(service) is outside 0..<\(count)")
        }
        if let known = counts[service], known != count {
            return .refused("\(service) has \(known) partitions; this worker announced \(count)")
        }
        counts[service] = count
        return .service(Self.name(service, partition))
    }

    /// Where a request for `service` with `key` (empty: none) goes.
    public func destination(service: String, key: String) -> Destination {
        if let (base, partition) = Self.split(service) {
            guard key.isEmpty else { return .invalid("\(service) names a partition; a partition key is not allowed with it") }
            guard let count = counts[base] else { return .service(partition == 0 ? base : service) }
            guard partition < count else { return .invalid("\(base) has \(count) partitions; there is no partition \(partition)") }
            return .service(service)
        }
        guard let count = counts[service] else { return .service(service) }
        guard !key.isEmpty else {
            return .invalid("\(service) has \(count) partitions: the request needs a partition key or a partition (\(service)/0 …)")
        }
        return .service(Self.name(service, PartitionKey.partition(of: key, count: count)))
    }

    static func name(_ service: String, _ partition: Int) -> String { "\(service)/\(partition)" }

    /// `S/p` split into `S` and `p`; nil when `service` does not end in `/` and a number.
    static func split(_ service: String) -> (String, Int)? {
        guard let slash = service.lastIndex(of: "/") else { return nil }
        let digits = service[service.index(after: slash)...]
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit), let partition = Int(digits) else { return nil }
        return (String(service[..<slash]), partition)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
