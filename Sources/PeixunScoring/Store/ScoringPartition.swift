public import PeixunMessages
import GRDB
import PeixunCodec
import PeixunRuntime
import PeixunStore

/// Which part of scoring a store holds when the service is split (docs/operations.md, "Scaling
/// one service"): the classes whose code falls in this partition (`PartitionKey`), with their
/// scores, exams and confirmed completions, published on the stream `scoring/<index>`. Every
/// partition follows all of enrollment, so it knows every member and lesson; it acts only for
/// its own classes.
public struct ScoringPartition: Sendable, Hashable {
    public let split: KeyedPartition
    public var index: Int { split.index }
    public var count: Int { split.count }

    /// Scoring not split: one store, the stream `scoring/0`, every class.
    public static let whole = ScoringPartition(index: 0, count: 1)

    public init(index: Int, count: Int) {
        split = KeyedPartition(service: "scoring", index: index, count: count)
    }

    /// The stream this partition publishes.
    public var stream: StreamID { split.stream }

    /// Whether the class coded `code` is this partition's.
    public func owns(classCode code: String) -> Bool { split.owns(code) }

    /// Refuses a command about the class `id` if it is another partition's (a lookup only when split).
    func requireOwner(ofClass id: WireUUID, in db: Database) throws {
        guard count > 1, let trainingClass = try ClassRecord.find(id: id, in: db) else { return }
        try requireOwner(of: trainingClass)
    }

    /// Refuses a command about another partition's class: the client sent it with the wrong key.
    func requireOwner(of trainingClass: ClassRecord) throws {
        guard !owns(classCode: trainingClass.code) else { return }
        throw ScoringError(
            "scoring.otherPartition",
            "class \(trainingClass.code) belongs to scoring partition \(split.owner(of: trainingClass.code)) of \(count), not \(index): send the command with the class code as its partition key")
    }
}

/// What a scoring rule runs in: the ids and time of the command (or of the enrollment event that
/// caused it), and the partition whose stream it publishes on.
struct ScoringContext {
    var command: CommandContext
    var partition: ScoringPartition

    var time: WireTimestamp { command.time }

    /// Appends `event` to the partition's stream in the caller's transaction: it is published if
    /// and only if the changes commit.
    func publish<M: WireMessage>(_ event: M, in db: Database) throws {
        try Outbox.append(
            event, stream: partition.stream, commandID: command.commandID, correlationID: command.correlationID, at: command.time, in: db)
    }
}
