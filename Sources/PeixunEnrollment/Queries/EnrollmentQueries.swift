public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The enrollment service's queries, dispatched by the query's type id and answered from a
/// snapshot of the store (served on "enrollment.query" by `QueryWorker`).
///
/// Every read goes through an index (a primary key, a unique code or number, or one of the
/// `*_by_*` indexes of `EnrollmentStore`), so an answer costs what it returns, not the size of
/// the store.
///
/// When enrollment is split every partition holds every row (`SiblingReplica`) and answers any
/// query, except a lesson's check-in code: each partition signs its own lessons' codes.
public struct EnrollmentQueries: QueryService {
    public let settings: EnrollmentSettings
    public let partition: EnrollmentPartition

    public init(settings: EnrollmentSettings = EnrollmentSettings(), partition: EnrollmentPartition = .whole) {
        self.settings = settings
        self.partition = partition
    }

    /// A `WireError` thrown here means the query could not be decoded (answered `malformed`).
    public func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
        do {
            switch try WireReader.peekTypeID(query) {
            case ShowMember.typeID:
                return try Self.accept(try MemberQuery.show(try ShowMember(decoding: query), in: db))
            case ShowOrganisationTree.typeID:
                return try Self.accept(try OrganisationTreeQuery.show(try ShowOrganisationTree(decoding: query), in: db))
            case ShowClass.typeID:
                return try Self.accept(try ClassQuery.show(try ShowClass(decoding: query), in: db))
            case ListEnrollments.typeID:
                return try Self.accept(try EnrollmentListQuery.list(try ListEnrollments(decoding: query), in: db))
            case ShowAttendance.typeID:
                return try Self.accept(try AttendanceQuery.show(try ShowAttendance(decoding: query), in: db))
            case ShowCheckInCode.typeID:
                let show = try ShowCheckInCode(decoding: query)
                try partition.requireOwner(ofLesson: show.lesson, in: db)
                return try Self.accept(try CheckInCodeQuery.show(show, settings: settings, at: .now, in: db))
            case let other:
                return .rejected(code: "query.unknown", message: "the enrollment service has no query of type \(other)")
            }
        } catch let error as EnrollmentError {
            return .rejected(code: error.code, message: error.message)
        }
    }

    /// Encodes an answer. Failing to encode it is not a malformed query (which a `WireError`
    /// would signal): the answer is larger than the codec allows, a refusal the asker can act on.
    static func accept(_ answer: some WireMessage) throws -> CommandOutcome {
        do {
            return .accepted(result: try answer.encoded())
        } catch {
            throw EnrollmentError(
                "query.tooLarge", "the answer (\(type(of: answer).typeName)) is too large to send: \(error); ask for less")
        }
    }
}
