public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime
import PeixunStore

/// The reporting service's queries, answered from a snapshot of its store (served on
/// "reporting.query" by `QueryWorker`).
public struct ReportingQueries: QueryService {
    public init() {}

    public func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome {
        do {
            switch try WireReader.peekTypeID(query) {
            case ShowMonthlyReport.typeID:
                let asked = try ShowMonthlyReport(decoding: query)
                return try Self.accept(try Self.monthly(asked, in: db))
            case ShowCoverage.typeID:
                let asked = try ShowCoverage(decoding: query)
                let window = try ReportWindow.year(asked.year)
                let scope = try Scope.organisation(code: asked.organisationCode, in: db)
                return try Self.accept(CoverageView(year: asked.year, rows: try Coverage.rows(scope, window, in: db)))
            case ListFlags.typeID:
                let asked = try ListFlags(decoding: query)
                let window = try ReportWindow.year(asked.year)
                let scope = try asked.organisationCode.map { try Scope.organisation(code: $0, in: db) } ?? .wholeTree
                return try Self.accept(FlagList(year: asked.year, flags: try Flags.all(scope, window, in: db)))
            case ShowDashboard.typeID:
                let asked = try ShowDashboard(decoding: query)
                return try Self.accept(try DashboardBuilder.build(organisationCode: asked.organisationCode, day: asked.day, in: db))
            case let other:
                return .rejected(code: "query.unknown", message: "the reporting service has no query of type \(other)")
            }
        } catch let error as ReportingError {
            return .rejected(code: error.code, message: error.message)
        }
    }

    static func monthly(_ asked: ShowMonthlyReport, in db: Database) throws -> MonthlyReportView {
        let report = try MonthlyReportBuilder.build(organisationCode: asked.organisationCode, month: asked.month, in: db)
        let published = try db.row(
            "SELECT 1 FROM published_reports WHERE organisation_id = ? AND month = ?",
            [StoredUUID.encode(report.organisation), report.month]) != nil
        return MonthlyReportView(report: report, published: published)
    }

    /// Encodes an answer; one too large for the codec is a refusal the asker can act on.
    static func accept(_ answer: some WireMessage) throws -> CommandOutcome {
        do {
            return .accepted(result: try answer.encoded())
        } catch {
            throw ReportingError(
                "query.tooLarge", "the answer (\(type(of: answer).typeName)) is too large to send: \(error); ask for less")
        }
    }
}
