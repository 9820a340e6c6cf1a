import ArgumentParser
import Foundation
import GRDB
import Logging
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunTestSupport
import ServiceLifecycle
import UnixSignals

/// `peixun-testservice`: a minimal owner and a minimal projection built only from the runtime,
/// run as real processes by the fault tests (kill a subscriber, a publisher between commit and
/// send, the broker). Not part of Peixun's product: it has no domain, only the "nothing lost"
/// machinery.
@main
struct TestService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peixun-testservice",
        abstract: "Test owner and projection processes for the fault tests.",
        subcommands: [OwnerCommand.self, PartitionedOwnerCommand.self, ProjectionCommand.self]
    )

    static let stream = StreamID(service: "loadtest", partition: 0)

    /// Runs `services` until SIGTERM/SIGINT, after printing `ready` on standard output.
    static func run(_ services: [LoopService], ready: String, logger: Logger) async throws {
        FileHandle.standardOutput.write(Data((ready + "\n").utf8))
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }

    static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
    }
}

/// The owner: commands that append check-ins, its outbox publisher and its replay worker.
struct OwnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "owner")

    @Option var requests: String
    @Option var publishers: String
    @Option var data: String
    @ArgumentParser.Flag(help: "Exit (status 99) after the first committed batch is read and before it is sent.")
    var crashBeforeSend = false

    func run() async throws {
        TestService.bootstrapLogging()
        let logger = Logger(label: "testservice.owner")
        let store = try ServiceStore(path: data, durability: .owner)
        let signal = OutboxSignal()
        var publisher = OutboxPublisher(
            store: store, endpoint: publishers, signal: signal, streams: [TestService.stream], logger: logger)
        if crashBeforeSend { publisher.beforeSending = { _ in _exit(99) } }
        let replay = ReplayWorker(store: store, service: "loadtest", broker: requests, logger: logger)
        let commands = CommandWorker(
            store: store, service: "loadtest", broker: requests, commands: AppendCheckIns(), signal: signal,
            logger: logger)
        try await TestService.run(
            [
                LoopService(name: "publisher") { [publisher] in try publisher.run(context: $0) },
                LoopService(name: "replay") { try replay.run(context: $0) },
                LoopService(name: "commands") { try commands.run(context: $0, instance: "loadtest-owner") },
            ], ready: "peixun-testservice owner ready", logger: logger)
    }
}

/// Appends as many check-ins as the command says (a little-endian u32) to the loadtest stream
/// (of its partition, when partitioned).
struct AppendCheckIns: CommandService {
    var stream = TestService.stream

    func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        guard command.count == 4 else { return .rejected(code: "loadtest.badCount", message: "4 bytes expected") }
        let count = command.loadUnaligned(as: UInt32.self).littleEndian
        // Ids drawn from a generator seeded by the command id, not from the system's: three
        // `getrandom` calls per event were a visible share of the load test's profile, and a test
        // event needs distinct ids, not unpredictable ones.
        var ids = SplitMix64(seed: context.commandID.high ^ context.commandID.low.byteSwapped)
        for _ in 0..<count {
            let event = CheckedIn(
                lesson: .random(using: &ids), member: .random(using: &ids), venue: .random(using: &ids),
                at: context.time, method: .qrCode, clockSkewSeconds: 0)
            try Outbox.append(
                event, stream: stream, commandID: context.commandID, correlationID: context.correlationID,
                at: context.time, after: context.after, in: db)
        }
        return .accepted(result: [])
    }
}

/// The projection: one row per applied event (a second application would break the primary key).
struct ProjectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "projection")

    @Option var requests: String
    @Option var subscribers: String
    @Option var data: String
    @Option(help: "How many partitions the loadtest stream has (1: not partitioned); the projection follows each.")
    var partitionCount = 1
    @Option(help: "The partitions in the order the subscriber lists them (and so catches up), e.g. 1,0; default 0, 1, ….")
    var streamOrder: String?

    func run() async throws {
        TestService.bootstrapLogging()
        let logger = Logger(label: "testservice.projection")
        let store = try ServiceStore(path: data, durability: .projection) { migrator in
            migrator.registerMigration("loadtest-applied-v1") { db in
                try db.execute(sql: "CREATE TABLE applied (sequence INTEGER PRIMARY KEY)")
            }
            // One row per (stream, sequence) once the loadtest stream may be partitioned.
            migrator.registerMigration("loadtest-applied-v2") { db in
                try db.execute(sql: "ALTER TABLE applied RENAME TO applied_v1")
                try db.execute(sql: "CREATE TABLE applied (partition INTEGER NOT NULL DEFAULT 0, sequence INTEGER NOT NULL, PRIMARY KEY (partition, sequence))")
                try db.execute(sql: "INSERT INTO applied (sequence) SELECT sequence FROM applied_v1")
                try db.execute(sql: "DROP TABLE applied_v1")
            }
            // Each event's causal stamp, so a test can check the order rows were applied in (rowid).
            migrator.registerMigration("loadtest-applied-v3") { db in
                try db.execute(sql: "ALTER TABLE applied ADD COLUMN after TEXT NOT NULL DEFAULT ''")
            }
        }
        let order = try streamOrder.map { list in
            guard let order = PartitionedOwnerCommand.parse(list), Set(order) == Set(0..<max(1, partitionCount)) else {
                throw ValidationError("--stream-order must list each of 0..<\(partitionCount) once; got '\(list)'")
            }
            return order
        } ?? Array(0..<max(1, partitionCount))
        let subscriber = Subscriber(
            store: store, subscribers: subscribers, requests: requests,
            streams: order.map { StreamID(service: "loadtest", partition: UInt16($0)) },
            projection: AppliedSequences(), logger: logger)
        try await TestService.run(
            [LoopService(name: "subscriber") { try subscriber.run(context: $0) }],
            ready: "peixun-testservice projection ready", logger: logger)
    }
}

struct AppliedSequences: Projection {
    func apply(_ event: ReceivedEvent, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO applied (partition, sequence, after) VALUES (?, ?, ?)",
            arguments: [
                Int64(event.envelope.stream.partition), Int64(event.envelope.sequence),
                event.envelope.after.map { "\($0.stream.partition)=\($0.sequence)" }.joined(separator: " "),
            ])
    }
}
