public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The scoring service's queries, answered from a snapshot of its store (served on
/// "scoring.query" by `QueryWorker`). Each read goes through a key or an index.
public struct ScoringQueries: QueryService {
    /// The partition this store holds.
    public let partition: ScoringPartition

    public init(partition: ScoringPartition = .whole) {
        self.partition = partition
    }

    /// A `WireError` thrown here means the query could not be decoded (answered `malformed`).
    public func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
        do {
            switch try WireReader.peekTypeID(query) {
            case ShowExcellence.typeID where partition.count > 1:
                _ = try ShowExcellence(decoding: query)
                return .rejected(
                    code: "scoring.partitioned",
                    message: "scoring is split into \(partition.count) partitions, each holding some classes' scores: no one partition knows an instructor's, course's or school's whole excellence rate")
            case ShowExcellence.typeID:
                return try Self.accept(try ExcellenceQuery.show(try ShowExcellence(decoding: query), in: db))
            case ShowMemberScores.typeID:
                return try Self.accept(try MemberScoresQuery.show(try ShowMemberScores(decoding: query), in: db))
            case let other:
                return .rejected(code: "query.unknown", message: "the scoring service has no query of type \(other)")
            }
        } catch let error as ScoringError {
            return .rejected(code: error.code, message: error.message)
        }
    }

    /// Encodes an answer; one too large for the codec is a refusal the asker can act on, not a
    /// malformed query.
    static func accept(_ answer: some WireMessage) throws -> CommandOutcome {
        do {
            return .accepted(result: try answer.encoded())
        } catch {
            throw ScoringError("query.tooLarge", "the answer (\(type(of: answer).typeName)) is too large to send: \(error)")
        }
    }
}
