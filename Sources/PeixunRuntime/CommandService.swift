public import GRDB
public import PeixunCodec
public import PeixunMessages

/// What a command handler knows besides the command: its ids and time, for `Outbox.append`.
public struct CommandContext: Sendable {
    public var commandID: WireUUID
    public var correlationID: WireUUID
    /// When the command takes effect (UTC), the time of the events it causes.
    public var time: WireTimestamp
    /// The causal stamp for the events it appends (`Outbox.append(after:)`): how far this store
    /// has applied the streams the worker stamps (``CommandWorker/stampedStreams``); empty when
    /// it stamps none.
    public var after: [StreamPosition]
    /// The stream of the partition serving the command (`<service>/<index>`); nil: the service
    /// is not split (its stream is partition 0's).
    public var stream: StreamID?

    public init(
        commandID: WireUUID, correlationID: WireUUID, time: WireTimestamp, after: [StreamPosition] = [], stream: StreamID? = nil
    ) {
        self.commandID = commandID
        self.correlationID = correlationID
        self.time = time
        self.after = after
        self.stream = stream
    }
}

/// How a command ended, as the service decides.
public enum CommandOutcome: Sendable, Hashable {
    /// Done: `result` is an encoded message of the service's family.
    case accepted(result: [UInt8])
    /// Refused by a domain rule: a stable `code` and a readable `message`. Recorded like an
    /// acceptance, so a retry with the same command id gets the same refusal.
    case rejected(code: String, message: String)
}

/// A service's commands: run inside the transaction that also records the command id, so the
/// state change, the events (`Outbox.append` with `context`) and the recorded answer commit
/// together or not at all.
public protocol CommandService: Sendable {
    /// Executes the encoded command. Throwing (a bug, a full disk) records nothing and answers
    /// `failed`: a retry may then succeed.
    func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome
}

/// A refusal by one of a service's rules: a stable `code` ("enrollment.periodFull") and a
/// readable `message` (Chinese names intact). Each service's rules throw their own type.
public protocol DomainRefusal: Error {
    var code: String { get }
    var message: String { get }
}

extension CommandOutcome {
    /// Runs one command's rules: their answer, or their refusal as a rejected outcome. A
    /// command that does not decode is refused as `command.malformed`.
    ///
    /// A refusal never leaves a partial change: rules refuse before they write, and if one
    /// refuses after writing (nothing does today), the refusal is rethrown so the command's
    /// savepoint (`CommandLedger.execute`) undoes it all and it is answered `failed`. Checking
    /// SQLite's change counter instead of opening a second savepoint per command saves a
    /// statement journal per command on the group-commit path.
    public static func ruling(in db: Database, _ rules: () throws -> CommandOutcome) throws -> CommandOutcome {
        let changesBefore = db.totalChangesCount
        do {
            return try rules()
        } catch let refusal as any DomainRefusal where db.totalChangesCount == changesBefore {
            return .rejected(code: refusal.code, message: refusal.message)
        } catch let error as WireError where db.totalChangesCount == changesBefore {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }
}
