import Foundation
import GRDB
import PeixunMessages
import Testing

/// Causal stamps: a partition that follows its sibling stamps each event with how far it had
/// applied the sibling's stream; a follower of both applies the event only after those events,
/// even when it catches up the stamped stream first. Real processes: a broker, two
/// `peixun-testservice partitioned-owner --follow-siblings` (loadtest/0 and loadtest/1), and a
/// projection recording the order it applied events in (its table's rowid) with their stamps.
@Suite("Causal stamps across partitions", .serialized, .timeLimit(.minutes(5)))
struct CausalOrderTests {
    typealias Fixture = PartitionedServiceTests

    /// A key of each of 2 partitions.
    static let keys: [String] = (0..<2).map { partition in
        (1...).lazy.map { "中山-\($0)" }.first { PartitionKey.partition(of: $0, count: 2) == partition }!
    }

    /// `rows` of a store file, read from outside its process.
    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read(body)
    }

    /// The projection's rows in the order applied: (partition, sequence, stamp "p=k …").
    static func appliedInOrder(_ folder: Fixture.Folder) throws -> [(partition: Int, sequence: Int, after: String)] {
        guard FileManager.default.fileExists(atPath: folder.path("projection.sqlite")) else { return [] }
        return try read(folder.path("projection.sqlite")) { db in
            try Row.fetchAll(db, sql: "SELECT partition, sequence, after FROM applied ORDER BY rowid").map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// Every row's stamp was met when it was applied: for "p=k", k events of partition p came before it.
    static func stampViolations(_ rows: [(partition: Int, sequence: Int, after: String)]) -> [String] {
        var seen: [Int: Int] = [:]
        var violations: [String] = []
        for row in rows {
            for position in row.after.split(separator: " ") {
                let parts = position.split(separator: "=").compactMap { Int($0) }
                if parts.count != 2 || seen[parts[0], default: 0] < parts[1] {
                    violations.append("loadtest/\(row.partition)#\(row.sequence) after \(position), applied with \(seen)")
                }
            }
            seen[row.partition, default: 0] += 1
        }
        return violations
    }

    /// Appends `events` to the partition of `keys[partition]`, expecting acceptance.
    static func append(_ events: UInt32, partition: Int, _ broker: BrokerFixture) async throws {
        let reply = try await Fixture.append(events, key: keys[partition], broker: broker).get()
        #expect(reply.status == .accepted, "\(reply.code) \(reply.message)")
    }

    /// Partition 1's cursor on loadtest/0, from its own store.
    static func siblingCursor(_ folder: Fixture.Folder) throws -> Int {
        try read(folder.path("second/loadtest-1.sqlite")) { db in
            try Int.fetchOne(db, sql: "SELECT applied_through FROM peixun_cursors WHERE stream = 'loadtest/0'") ?? 0
        }
    }

    @Test("events of partition 1 decided on partition 0's events are applied after them, though the follower catches up partition 1 first; live events too")
    func stampedOrder() async throws {
        let folder = Fixture.Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let siblings = ["--follow-siblings", "--subscribers", broker.subscribers]
        let first = try await Fixture.startOwner(broker, folder, name: "first", partitions: [0], of: 2, options: siblings)
        let second = try await Fixture.startOwner(broker, folder, name: "second", partitions: [1], of: 2, options: siblings)
        var processes = [first, second]
        defer { for process in processes { kill(process.process.processIdentifier, SIGKILL) } }

        // Partition 0 first; partition 1 decides its commands once it has applied all 30 of them.
        for _ in 0..<10 { try await Self.append(3, partition: 0, broker) }
        try await eventually(within: .seconds(30), "partition 1 to apply loadtest/0 through 30") {
            try Self.siblingCursor(folder) == 30 ? true : nil
        }
        for _ in 0..<10 { try await Self.append(2, partition: 1, broker) }
        let stamps = try Self.read(folder.path("second/loadtest-1.sqlite")) { db in
            try String?.fetchAll(db, sql: "SELECT after_positions FROM peixun_outbox ORDER BY sequence")
        }
        #expect(stamps == Array(repeating: "loadtest/0=30", count: 20), "partition 1's stored stamps")

        // A follower listing loadtest/1 first catches it up first: its events must wait for loadtest/0's 30.
        let projection = try PeixunProcess(
            ["projection", "--requests", broker.requests, "--subscribers", broker.subscribers, "--data", folder.path("projection.sqlite"),
             "--partition-count", "2", "--stream-order", "1,0"], executable: "peixun-testservice")
        processes.append(projection)
        try await projection.waitForLine(startingWith: "peixun-testservice projection ready")
        var rows = try await eventually(within: .seconds(60), "the projection to apply all 50 events") {
            let rows = try Self.appliedInOrder(folder)
            return rows.count == 50 ? rows : nil
        }
        #expect(rows.prefix(30).allSatisfy { $0.partition == 0 }, "loadtest/0's 30 events first: \(rows.prefix(31).map(\.partition))")
        #expect(rows.filter { $0.partition == 1 }.allSatisfy { $0.after == "0=30" })
        #expect(Self.stampViolations(rows).isEmpty, "\(Self.stampViolations(rows))")

        // Live: the two partitions in turn, each deciding on what it has of the other.
        for round in 0..<10 {
            try await Self.append(1, partition: round % 2, broker)
        }
        rows = try await eventually(within: .seconds(60), "the projection to apply the 10 live events") {
            let rows = try Self.appliedInOrder(folder)
            return rows.count == 60 ? rows : nil
        }
        #expect(rows.suffix(10).contains { $0.partition == 0 && $0.after.hasPrefix("1=") }, "partition 0 stamps too, once it has partition 1's")
        #expect(Self.stampViolations(rows).isEmpty, "\(Self.stampViolations(rows))")
    }
}
