public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The archive's queries, dispatched by type id and answered from a snapshot of the store
/// (served on "archive.query").
public struct ArchiveQueries: QueryService {
    public let settings: ArchiveSettings

    public init(settings: ArchiveSettings = ArchiveSettings()) {
        self.settings = settings
    }

    public func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
        do {
            switch try WireReader.peekTypeID(query) {
            case ShowTranscript.typeID:
                return try Self.accept(TranscriptQuery.show(ShowTranscript(decoding: query), in: db))
            case ShowCabinet.typeID:
                return try Self.accept(CabinetQuery.show(ShowCabinet(decoding: query), in: db))
            case ShowLedger.typeID:
                return try Self.accept(LedgerQuery.show(ShowLedger(decoding: query), settings: settings, in: db))
            case let other:
                return .rejected(code: "query.unknown", message: "the archive service has no query of type \(other)")
            }
        } catch let error as ArchiveError {
            return .rejected(code: error.code, message: error.message)
        }
    }

    static func accept(_ answer: some WireMessage) throws -> CommandOutcome {
        do {
            return .accepted(result: try answer.encoded())
        } catch {
            throw ArchiveError("query.tooLarge", "the answer (\(type(of: answer).typeName)) is too large to send: \(error); ask for less")
        }
    }
}
