import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore
import PeixunCalendar

/// PublishMonthlyReport: the report of an organisation for a month that is over, computed from
/// the projection and published once as MonthlyReportPublished.
///
/// "Over" is judged by the command's time (when the command worker runs it). That decides only
/// whether the report may be published; what it says depends on events alone, so publishing
/// later, or asking after a rebuild, gives the same report.
enum Publication {
    static func publish(_ command: PublishMonthlyReport, context: CommandContext, in db: Database) throws
        -> MonthlyReportPublished
    {
        let window = try ReportWindow.month(command.month)
        let scope = try Scope.organisation(code: command.organisationCode, in: db)
        guard let root = scope.root else { throw ReportingError("organisation.unknown", "no organisation") }
        guard context.time >= window.end else {
            throw ReportingError(
                "report.monthNotOver",
                "the report of \(root.name) (\(root.code)) for \(window.label) can be published from \(ChinaCalendar.format(window.end)), China time")
        }
        if let published = try db.row(
            "SELECT published_at FROM published_reports WHERE organisation_id = ? AND month = ?",
            [StoredUUID.encode(root.id), window.label])
        {
            throw ReportingError(
                "report.alreadyPublished",
                "the report of \(root.name) (\(root.code)) for \(window.label) was published at \(ChinaCalendar.format(published.timestamp("published_at")))")
        }
        let event = MonthlyReportPublished(report: try MonthlyReportBuilder.build(scope, window, in: db))
        // A city's January lists every member as missed: refuse, naming the way out, rather than
        // fail the command (an event the codec cannot carry cannot be published).
        do {
            _ = try event.encoded()
        } catch {
            throw ReportingError(
                "report.tooLarge",
                "the report of \(root.name) (\(root.code)) for \(window.label) is too large to publish (\(error)); publish the organisations below it")
        }
        try db.run(
            "INSERT INTO published_reports (organisation_id, month, published_at) VALUES (?, ?, ?)",
            [StoredUUID.encode(root.id), window.label, context.time.microsecondsSinceEpoch])
        try context.publish(event, in: db)
        return event
    }
}
