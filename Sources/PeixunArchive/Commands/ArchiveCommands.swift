public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The archive service's commands, dispatched by type id (served on "archive").
public struct ArchiveCommands: CommandService {
    public init() {}

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        do {
            // A refusal after a write would leave a partial change: the savepoint undoes it.
            var outcome = CommandOutcome.rejected(code: "command.unknown", message: "")
            try db.inSavepoint {
                outcome = try dispatch(command, context: context, in: db)
                return .commit
            }
            return outcome
        } catch let error as ArchiveError {
            return .rejected(code: error.code, message: error.message)
        } catch let error as WireError {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        switch try WireReader.peekTypeID(command) {
        case SealMonth.typeID:
            return .accepted(result: try MonthSeal.seal(SealMonth(decoding: command), context: context, in: db).encoded())
        case let other:
            return .rejected(code: "command.unknown", message: "the archive service has no command of type \(other)")
        }
    }
}
