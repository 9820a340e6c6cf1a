public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The scoring service's commands, dispatched by the command's type id.
public struct ScoringCommands: CommandService {
    /// The partition this store holds: commands about other partitions' classes are refused.
    public let partition: ScoringPartition

    public init(partition: ScoringPartition = .whole) {
        self.partition = partition
    }

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        try CommandOutcome.ruling(in: db) { try dispatch(command, context: context, in: db) }
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        let context = ScoringContext(command: context, partition: partition)
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
