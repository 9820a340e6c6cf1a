import GRDB
import PeixunCalendar
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// SealMonth: seals a committee's month by hand, for when a followed stream stays idle and the
/// month would otherwise wait. The root is the same one automatic sealing computes (heads before
/// the month's end), so sealing by hand changes when, never what.
enum MonthSeal {
    static func seal(_ command: SealMonth, context: CommandContext, in db: Database) throws -> MonthlyRootSealed {
        guard let month = ChinaMonth(command.month) else {
            throw ArchiveError("archive.invalidMonth", "month \"\(command.month)\" is not YYYY-MM")
        }
        let committee = try Lookup.organisation(code: command.committeeCode, in: db)
        let latest = try Sealing.latestMonth(in: db)
        guard let latest, latest > month else {
            throw ArchiveError(
                "archive.monthOpen", "\(month) has not ended: the latest event the archive has is from \(latest?.description ?? "no month")")
        }
        let sealed = try Sealing.seal(
            committee.id, month: month, time: context.time, commandID: context.commandID, correlationID: context.correlationID, in: db)
        guard let sealed else {
            let exists = try db.row(
                "SELECT 1 FROM monthly_roots WHERE committee_id = ? AND month = ?", [StoredUUID.encode(committee.id), month.description])
            if exists != nil {
                throw ArchiveError("archive.monthSealed", "\(committee.name) (\(committee.code)) has already sealed \(month)")
            }
            throw ArchiveError("archive.emptyCabinet", "\(committee.name) (\(committee.code)) has no member with an entry before the end of \(month)")
        }
        return sealed
    }
}
