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

/// A refusal by one of a service's rules: a stable `code` ("enrollment.periodFull") and a
/// readable `message` (Chinese names intact). Each service's rules throw their own type.
public protocol DomainRefusal: Error {
    var code: String { get }
    var message: String { get }
}

extension CommandOutcome {
    /// Runs one command's rules in a savepoint: their answer; or, when they refuse, the refusal
    /// with every write they made undone (a rule may refuse after writing: a damaged row found
    /// half way), so a refusal never leaves a partial change in the group's transaction. A
    /// command that does not decode is refused as `command.malformed`.
    public static func ruling(in db: Database, _ rules: () throws -> CommandOutcome) throws -> CommandOutcome {
        do {
            var outcome = CommandOutcome.rejected(code: "command.unknown", message: "")
            try db.inSavepoint {
                outcome = try rules()
                return .commit
            }
            return outcome
        } catch let refusal as any DomainRefusal {
            return .rejected(code: refusal.code, message: refusal.message)
        } catch let error as WireError {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }
}
