public import Logging
import PeixunCodec
public import PeixunMessages
public import PeixunStore
public import PeixunTransport
public import ZeroMQ
import GRDB
import Glibc

/// Serves a service's commands on the request path, exactly once per command id, with group
/// commit.
///
/// The commands waiting at the worker (up to its credit) run in **one** store transaction — one
/// fsync for all of them under `synchronous = FULL` — each through `CommandLedger.execute` (in its
/// own savepoint only when the group has to be run again because a command failed, see
/// ``commit(_:at:)``): the first time, the service executes it and its `CommandReply` is recorded with
/// its state and events; any later request with the same command id — a client retry after a
/// timeout, through the broker, to this or another instance on the same store, even within the
/// same batch — gets the recorded reply, byte for byte, and changes nothing. A command that throws
/// is undone alone and answered `failed`. After a commit the outbox publisher is woken.
public struct CommandWorker: Sendable {
    public let store: ServiceStore
    public let service: String
    public let broker: String
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    /// The partition served, when the service is partitioned; nil: the whole service.
    public var partition: ServicePartition?
    public let commands: any CommandService
    public let signal: OutboxSignal
    /// Streams this store follows whose applied positions stamp every event the commands append
    /// (`CommandContext.after`): an owner's sibling partitions, whose replicated state its
    /// commands decide on. Read once per group: within the write transaction they cannot move.
    public var stampedStreams: [StreamID] = []
    /// Requests in flight at this worker, and so the largest group committed together.
    ///
    /// Large, because the commit (its fsync) costs about as much for 200 commands as for 20:
    /// with 64, four clients × 64 requests in flight queued at the broker and groups averaged 35
    /// commands; with 256 they reach the worker and groups follow the load (BENCHMARKS.md).
    public var credit = 256
    /// Whether `run` tells the C allocator to keep freed memory instead of returning it to the
    /// system at once (see ``keepFreedMemory()``). On by default.
    public var keepsFreedMemory = true
    /// Commands answered and transactions committed, for tests and status.
    public let statistics = SharedValue(CommandStatistics())
    let logger: Logger

    public init(
        store: ServiceStore, service: String, broker: String, commands: any CommandService, signal: OutboxSignal,
        logger: Logger
    ) {
        self.store = store
        self.service = service
        self.broker = broker
        self.commands = commands
        self.signal = signal
        self.logger = logger
    }

    /// Serves until `context` is shut down; call on a dedicated thread.
    public func run(context: ZMQContext, heartbeatInterval: Duration = .seconds(1), instance: String) throws {
        if keepsFreedMemory { Self.keepFreedMemory() }
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: service, credit: credit, heartbeatInterval: heartbeatInterval,
                instance: instance, curve: curve, partition: partition),
            logger: logger)
        try worker.run(context: context) { (bodies: [[UInt8]]) in answers(bodies) }
    }

    /// Makes glibc's allocator keep up to 64 MB of freed memory per arena for reuse, and serve
    /// blocks up to 32 MB from its heaps. Process-wide, and harmless to repeat.
    ///
    /// Why: a group of commands allocates and frees a few hundred KB (statement arguments,
    /// blobs, SQLite's page cache); with the defaults, glibc gave the freed top of the worker
    /// thread's arena back to the system after every group (`madvise`, with a TLB shootdown on
    /// every core) and page-faulted it in again for the next one. In the loadtest profile that
    /// was about a third of the time of the commands themselves (22 → 15.5 us per command).
    public static func keepFreedMemory() {
        // Swift's Glibc module leaves out <malloc.h>, and a C target would mean a package change:
        // look `mallopt` up. Parameters from <malloc.h>: M_TRIM_THRESHOLD -1, M_TOP_PAD -2,
        // M_MMAP_THRESHOLD -3.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-1, 64 << 20)
        _ = mallopt(-2, 16 << 20)
        _ = mallopt(-3, 32 << 20)
    }

    /// Reply bodies (encoded `CommandReply`s) for request bodies, in order.
    func answers(_ bodies: [[UInt8]]) -> [[UInt8]] {
        var replies = [[UInt8]](repeating: [], count: bodies.count)
        var requests: [(index: Int, request: CommandRequest)] = []
        for (index, body) in bodies.enumerated() {
            do {
                requests.append((index, try CommandRequest(decoding: body)))
            } catch {
                replies[index] = Self.encode(CommandReply(status: .malformed, code: "command.malformed", message: "\(error)"))
                statistics.update { $0.malformed += 1 }
            }
        }
        guard !requests.isEmpty else { return replies }
        let time = WireTimestamp.now
        do {
            let (answered, changed) = try commit(requests, at: time)
            for (index, reply) in answered { replies[index] = reply }
            statistics.update {
                $0.commands += requests.count
                $0.transactions += 1
            }
            if changed { signal.notify() }
        } catch {
            // The transaction itself failed (a full disk, a read-only file): nothing was recorded.
            logger.error("command batch failed", metadata: ["service": "\(service)", "error": "\(error)"])
            for (index, request) in requests { replies[index] = Self.encode(Self.failed(request, because: error)) }
        }
        return replies
    }

    /// Runs the group in one transaction and commits it; returns the replies and whether
    /// anything changed.
    ///
    /// First without a savepoint per command: a savepoint's statement journal copies every page
    /// the command touches (each 4 KB, about ten per enrollment command) so that the command can
    /// be undone alone, and commands almost never fail (refusals write nothing; a failure is a
    /// bug or a full disk). If one does fail, that whole attempt is rolled back and the group
    /// runs again with a savepoint per command, so only the failed command is undone and
    /// answered `failed`: the replies and effects are the same as running it isolated at once.
    private func commit(
        _ requests: [(index: Int, request: CommandRequest)], at time: WireTimestamp
    ) throws -> ([(Int, [UInt8])], Bool) {
        do {
            return try store.write { db in try execute(requests, at: time, isolated: false, in: db) }
        } catch let failure as UnisolatedFailure {
            logger.debug(
                "command failed in a group without savepoints; running the group again with them",
                metadata: ["service": "\(service)", "error": "\(failure.error)"])
            return try store.write { db in try execute(requests, at: time, isolated: true, in: db) }
        }
    }

    /// A command failed in a group run without savepoints: the attempt must be rolled back.
    private struct UnisolatedFailure: Error {
        let error: any Error
    }

    /// Runs each command (in its savepoint when `isolated`); returns the replies and whether
    /// anything changed. Not isolated, the first failure throws `UnisolatedFailure`.
    private func execute(
        _ requests: [(index: Int, request: CommandRequest)], at time: WireTimestamp, isolated: Bool, in db: Database
    ) throws -> ([(Int, [UInt8])], Bool) {
        var answered: [(Int, [UInt8])] = []
        var changed = false
        let after = stampedStreams.isEmpty ? [] : try Cursors.positions(of: stampedStreams, in: db)
        for (index, request) in requests {
            let context = CommandContext(
                commandID: request.commandID, correlationID: request.correlationID, time: time, after: after,
                stream: partition.map { StreamID(service: service, partition: UInt16($0.index)) })
            do {
                let (reply, replayed) = try CommandLedger.execute(request.commandID, at: time, in: db, isolated: isolated) { db in
                    let outcome = try request.command.withUnsafeBytes { command in
                        try commands.execute(command, context: context, in: db)
                    }
                    return Self.encode(Self.reply(to: request, outcome))
                }
                answered.append((index, reply))
                changed = changed || !replayed
            } catch {
                guard isolated else { throw UnisolatedFailure(error: error) }
                logger.error("command failed", metadata: ["service": "\(service)", "error": "\(error)"])
                answered.append((index, Self.encode(Self.failed(request, because: error))))
            }
        }
        return (answered, changed)
    }

    /// The reply to a command whose transaction failed: when the store's condition is why (a full
    /// disk, a read-only file), the client is told so; nothing was recorded, so a retry may succeed.
    static func failed(_ request: CommandRequest, because error: (any Error)? = nil) -> CommandReply {
        let condition = error.flatMap(StoreError.conditionRefusingWrites)
        return CommandReply(
            commandID: request.commandID, status: .failed, code: condition == nil ? "command.failed" : "store.refusingWrites",
            message: condition.map { "\($0); nothing was recorded, retry later" }
                ?? "the service could not complete the command; it may be retried")
    }

    static func reply(to request: CommandRequest, _ outcome: CommandOutcome) -> CommandReply {
        switch outcome {
        case .accepted(let result):
            CommandReply(commandID: request.commandID, status: .accepted, result: result)
        case .rejected(let code, let message):
            CommandReply(commandID: request.commandID, status: .rejected, code: code, message: message)
        }
    }

    /// Replies stay far below the codec's limits (a code, a message, a result the service encoded).
    static func encode(_ reply: CommandReply) -> [UInt8] {
        (try? reply.encoded()) ?? []
    }
}

/// How many commands a worker answered in how many transactions (the group-commit ratio).
public struct CommandStatistics: Sendable, Hashable {
    public var commands = 0
    public var transactions = 0
    /// Requests answered `malformed` (not a `CommandRequest`, or a command that did not decode).
    public var malformed = 0
}
