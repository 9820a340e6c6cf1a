public import GRDB
public import PeixunCodec
import PeixunMessages

/// What a command handler knows besides the command: its ids and time, for `Outbox.append`.
public struct CommandContext: Sendable {
    public var commandID: WireUUID
    public var correlationID: WireUUID
    /// When the command takes effect (UTC), the time of the events it causes.
    public var time: WireTimestamp

    public init(commandID: WireUUID, correlationID: WireUUID, time: WireTimestamp) {
        self.commandID = commandID
        self.correlationID = correlationID
        self.time = time
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
