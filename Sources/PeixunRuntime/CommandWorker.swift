public import Logging
import PeixunCodec
import PeixunMessages
public import PeixunStore
import PeixunTransport
public import ZeroMQ

/// Serves a service's commands on the request path, exactly once per command id.
///
/// Each `CommandRequest` runs in one store transaction through `CommandLedger.execute`: the first
/// time, the service executes it and its `CommandReply` is recorded with its state and events;
/// any later request with the same command id — a client retry after a timeout, through the
/// broker, to this or another instance on the same store — gets the recorded reply, byte for
/// byte, and changes nothing. After a commit the outbox publisher is woken.
public struct CommandWorker: Sendable {
    public let store: ServiceStore
    public let service: String
    public let broker: String
    public let commands: any CommandService
    public let signal: OutboxSignal
    public var credit = 16
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
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: service, credit: credit, heartbeatInterval: heartbeatInterval,
                instance: instance),
            logger: logger)
        try worker.run(context: context) { body in answer(body) }
    }

    /// The reply body (an encoded `CommandReply`) for a request body.
    func answer(_ body: UnsafeRawBufferPointer) -> [UInt8] {
        let request: CommandRequest
        do {
            request = try CommandRequest(decoding: body)
        } catch {
            return Self.encode(CommandReply(status: .malformed, code: "command.malformed", message: "\(error)"))
        }
        let context = CommandContext(commandID: request.commandID, correlationID: request.correlationID, time: .now)
        do {
            let (reply, replayed) = try store.write { db in
                try CommandLedger.execute(request.commandID, at: context.time, in: db) { db in
                    let outcome = try request.command.withUnsafeBytes { command in
                        try commands.execute(command, context: context, in: db)
                    }
                    return Self.encode(Self.reply(to: request, outcome))
                }
            }
            if !replayed { signal.notify() }
            return reply
        } catch {
            logger.error("command failed", metadata: ["service": "\(service)", "error": "\(error)"])
            return Self.encode(CommandReply(
                commandID: request.commandID, status: .failed, code: "command.failed",
                message: "the service could not complete the command; it may be retried"))
        }
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
