import ArgumentParser
import Foundation
import GRDB
import Logging
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTransport

/// The owner split into partitions, on the product's `ServiceHost`: for each partition it owns, a
/// store of its own (`<data>/loadtest-<p>.sqlite`), the stream `loadtest/<p>`, and command, query
/// and replay workers that announce the partition to the broker. With `--follow-siblings` each
/// partition also follows the others' streams and stamps its events with how far it has applied
/// them (causal stamps), as a split enrollment does.
struct PartitionedOwnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partitioned-owner")

    @Option var requests: String
    @Option var publishers: String
    @Option(help: "A folder for the partitions' stores.")
    var data: String
    @Option(help: "The partitions this instance owns, e.g. 0,1.")
    var partitions: String
    @Option var partitionCount: Int
    @Option(help: "The broker's subscriber endpoint (XPUB); needed with --follow-siblings.")
    var subscribers: String?
    @ArgumentParser.Flag(help: "Each partition follows the others' streams and stamps its events with its cursors on them.")
    var followSiblings = false

    func validate() throws {
        guard partitionCount > 1 else { throw ValidationError("--partition-count must be at least 2") }
        guard !followSiblings || subscribers != nil else { throw ValidationError("--follow-siblings needs --subscribers") }
        guard let owned = Self.parse(partitions), !owned.isEmpty, owned.allSatisfy({ (0..<partitionCount).contains($0) }) else {
            throw ValidationError("--partitions must list numbers in 0..<\(partitionCount), e.g. 0,1; got '\(partitions)'")
        }
    }

    static func parse(_ list: String) -> [Int]? {
        let numbers = list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return numbers.contains(nil) ? nil : numbers.compactMap { $0 }
    }

    func run() async throws {
        TestService.bootstrapLogging()
        let logger = Logger(label: "testservice.partitioned-owner")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let endpoints = ServiceHost.Endpoints(requests: requests, publishers: publishers, subscribers: subscribers ?? "inproc://unused")
        let hosts = try (Self.parse(partitions) ?? []).map { index in
            let store = try ServiceStore(path: "\(data)/loadtest-\(index).sqlite", durability: .owner)
            var host = ServiceHost(service: "loadtest", store: store, endpoints: endpoints, logger: logger)
            host.partition = ServicePartition(index, of: partitionCount)
            host.commands = AppendCheckIns(stream: host.stream)
            host.queries = PartitionQuery(partition: index)
            if followSiblings {
                let siblings = (0..<partitionCount).filter { $0 != index }.map { StreamID(service: "loadtest", partition: UInt16($0)) }
                host.following = [.init(streams: siblings, projection: SiblingCursors())]
                host.stampedStreams = siblings
            }
            return host
        }
        FileHandle.standardOutput.write(Data("peixun-testservice partitioned-owner ready\n".utf8))
        try await ServiceHost.run(hosts, logger: logger)
    }
}

/// Answers any query with "<partition> <events in its outbox>": which partition took it, and what
/// that partition holds.
struct PartitionQuery: QueryService {
    let partition: Int

    func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
        let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_outbox") ?? 0
        return .accepted(result: Array("\(partition) \(events)".utf8))
    }
}

/// A partition's view of its siblings: only its cursors on their streams, which the runtime keeps
/// and the command worker stamps on each event (a real service would also apply their state).
struct SiblingCursors: Projection {
    func apply(_ event: ReceivedEvent, in db: Database) throws {}
}
