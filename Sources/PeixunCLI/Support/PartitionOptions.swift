import ArgumentParser
import PeixunMessages
import PeixunTransport

/// How the services are split (docs/operations.md, "Scaling one service"): every process of a
/// deployment is given the same `--partitions`, so a follower knows every stream to follow; a
/// partitioned service's process also says which of its partitions it owns (`--own`).
struct PartitionOptions: ParsableArguments {
    @Option(
        name: .customLong("partitions"),
        help: "Services split into partitions, as service=count, comma-separated (e.g. enrollment=2,scoring=2). The same on every process; unlisted services are not split.")
    var counts = ""

    @Option(help: "The partitions of this process's own service that it serves, e.g. 0,1 (default: all of them).")
    var own: String?

    /// The services that can be split (docs/operations.md, "Scaling one service"): enrollment,
    /// by the code of what each command creates or changes; scoring, by class. The projections
    /// scale by read replicas (`--queries-only`) instead.
    static let splittable = ["enrollment", "scoring"]

    func validate() throws {
        _ = try Self.table(counts)
        if let own, ownList(own) == nil { throw ValidationError("--own takes partition numbers, e.g. 0,1; got '\(own)'") }
    }

    /// `--partitions`' text as service → count; only splittable services, counts 2 to 1024.
    static func table(_ counts: String) throws -> [String: Int] {
        var table: [String: Int] = [:]
        for entry in counts.split(separator: ",") {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let count = Int(parts[1]), (2...1_024).contains(count), !parts[0].isEmpty else {
                throw ValidationError("--partitions takes service=count with a count of 2 to 1024, e.g. scoring=2; got '\(entry)'")
            }
            table[String(parts[0])] = count
        }
        for service in table.keys where !Self.splittable.contains(service) {
            throw ValidationError("--partitions: \(service) cannot be split into partitions (only \(Self.splittable.joined(separator: ", ")) can)")
        }
        return table
    }

    /// service → partition count, for the services listed.
    func table() throws -> [String: Int] { try Self.table(counts) }

    /// How many partitions `service` has (1: not split).
    func count(of service: String) throws -> Int { try table()[service] ?? 1 }

    /// Every stream `service` publishes: one per partition.
    func streams(of service: String) throws -> [StreamID] {
        (0..<(try count(of: service))).map { StreamID(service: service, partition: UInt16($0)) }
    }

    /// The partitions of `service` this process serves: `[nil]` (the whole service) when it is not split.
    func owned(of service: String) throws -> [ServicePartition?] {
        let count = try count(of: service)
        guard count > 1 else {
            if own != nil { throw ValidationError("--own given, but --partitions does not split \(service)") }
            return [nil]
        }
        let numbers = own.flatMap(ownList) ?? Array(0..<count)
        guard !numbers.isEmpty, numbers.allSatisfy({ (0..<count).contains($0) }), Set(numbers).count == numbers.count else {
            throw ValidationError("--own must list distinct partitions of \(service) in 0..<\(count); got '\(own ?? "")'")
        }
        return numbers.map { ServicePartition($0, of: count) }
    }

    private func ownList(_ text: String) -> [Int]? {
        let numbers = text.split(separator: ",").map { Int($0) }
        return numbers.contains(nil) || numbers.isEmpty ? nil : numbers.compactMap { $0 }
    }
}
