public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The scoring service's commands, dispatched by the command's type id.
public struct ScoringCommands: CommandService {
    public init() {}

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        do {
            // A refusal found after a write (a damaged row) must leave nothing behind: the
            // savepoint undoes the command's writes, which group commit shares a transaction with.
            var outcome = CommandOutcome.rejected(code: "command.unknown", message: "")
            try db.inSavepoint {
                outcome = try dispatch(command, context: context, in: db)
                return .commit
            }
            return outcome
        } catch let error as ScoringError {
            return .rejected(code: error.code, message: error.message)
        } catch let error as WireError {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        switch try WireReader.peekTypeID(command) {
        case SubmitScore.typeID:
            return .accepted(result: try Scores.submit(SubmitScore(decoding: command), context: context, in: db).encoded())
        case RecordExam.typeID:
            return .accepted(result: try Exams.record(RecordExam(decoding: command), context: context, in: db).encoded())
        case let other:
            return .rejected(code: "command.unknown", message: "the scoring service has no command of type \(other)")
        }
    }
}
