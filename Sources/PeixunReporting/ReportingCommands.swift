public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The reporting service's commands, dispatched by the command's type id.
public struct ReportingCommands: CommandService {
    public init() {}

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        do {
            // A refusal after a write must leave nothing: the savepoint undoes the command's writes.
            var outcome = CommandOutcome.rejected(code: "command.unknown", message: "")
            try db.inSavepoint {
                outcome = try dispatch(command, context: context, in: db)
                return .commit
            }
            return outcome
        } catch let error as ReportingError {
            return .rejected(code: error.code, message: error.message)
        } catch let error as WireError {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        switch try WireReader.peekTypeID(command) {
        case PublishMonthlyReport.typeID:
            let published = try Publication.publish(PublishMonthlyReport(decoding: command), context: context, in: db)
            return .accepted(result: try published.encoded())
        case let other:
            return .rejected(code: "command.unknown", message: "the reporting service has no command of type \(other)")
        }
    }
}
