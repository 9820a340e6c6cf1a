public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The reporting service's commands, dispatched by the command's type id.
public struct ReportingCommands: CommandService {
    public init() {}

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        try CommandOutcome.ruling(in: db) { try dispatch(command, context: context, in: db) }
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
