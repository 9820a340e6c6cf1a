public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The archive service's commands, dispatched by type id (served on "archive").
public struct ArchiveCommands: CommandService {
    public init() {}

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        try CommandOutcome.ruling(in: db) { try dispatch(command, context: context, in: db) }
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
