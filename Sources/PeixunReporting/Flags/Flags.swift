import GRDB
import PeixunCodec
import PeixunMessages

/// Every flag of a scope and window, in a stable order (kind, organisation, subject, time, detail)
/// so a report encodes to the same bytes whenever it is computed from the same events.
enum Flags {
    static func all(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        var flags: [Flag] = []
        flags += try MissedTraining.members(scope, window, in: db)
        flags += try MissedTraining.secretariesWithoutFallback(scope, window, in: db)
        flags += try FakeTraining.lessonsWithoutCheckIns(scope, window, in: db)
        flags += try FakeTraining.overCapacity(scope, window, in: db)
        flags += try FakeTraining.bursts(scope, window, in: db)
        flags += try DuplicateTraining.refused(scope, window, in: db)
        flags += try PlanFlags.unfiled(scope, window, in: db)
        flags += try PlanFlags.variance(scope, window, in: db)
        return flags.sorted { a, b in
            (a.kind.rawValue, a.organisationCode, a.subjectCode, a.at.microsecondsSinceEpoch, a.detail)
                < (b.kind.rawValue, b.organisationCode, b.subjectCode, b.at.microsecondsSinceEpoch, b.detail)
        }
    }
}
