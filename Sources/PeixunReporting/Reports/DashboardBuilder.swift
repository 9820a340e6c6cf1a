import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The starting state of a live dashboard (`ShowDashboard`) for an organisation and everything
/// below it, on a day. Computed in one read of the store, with the cursors of that read: a
/// dashboard applies only live events with a greater sequence, so it never counts one twice.
enum DashboardBuilder {
    /// Coverage rows down to this depth: the organisation, its children and grandchildren
    /// (for a city, counties and towns; for a town, communities and their branches).
    static let coverageDepth: UInt32 = 2
    /// At most this many flags, the most recent.
    static let latestFlags = 20

    static func build(organisationCode: String, day text: String, in db: Database) throws -> DashboardView {
        let day = try DashboardDay.parse(text)
        let scope = try Scope.organisation(code: organisationCode, in: db)
        guard let root = scope.root else { throw ReportingError("report.noOrganisation", "a dashboard needs an organisation") }
        let year = day.yearToDate
        let coverage = try Coverage.rows(scope, year, in: db)
        let month = try MonthlyFigures(scope, day.monthToDate, in: db)
        return DashboardView(
            organisation: root.id, organisationCode: root.code, organisationName: root.name, day: day.label,
            dayStart: day.start, dayEnd: day.end, cursors: try cursors(in: db),
            lessons: try DashboardLessons.lessons(scope, day.window, in: db),
            checkInsPerMinute: try DashboardLessons.perMinute(scope, day.window, in: db),
            coverage: coverage.filter { $0.depth <= coverageDepth },
            missedTraining: coverage.first.map { $0.rosterMembers - $0.trainedMembers } ?? 0,
            month: day.monthLabel, memberTrainings: month.memberTrainings, enrollments: month.enrollments,
            plannedTrainees: try plannedTrainees(scope, year, in: db),
            instructors: try DashboardInstructors.leaders(scope, year, in: db),
            flags: try latestFlags(scope, year, in: db), organisations: try organisations(scope, day.window, in: db))
    }

    /// Every organisation in scope, so the dashboard can tell whether a live event's organiser or
    /// branch is its own.
    static func organisations(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [WireUUID] {
        try db.rows(Scope.cte + "SELECT id FROM scope ORDER BY id", scope.arguments(window)).map { try $0.uuid("id") }
    }

    /// The followed streams' cursors, read in the caller's transaction (the figures' snapshot):
    /// enrollment's and scoring's first streams always, and every other one applied so far (the
    /// partitions of a split service).
    static func cursors(in db: Database) throws -> [DashboardCursor] {
        let followed = [ReportingStore.enrollment, ReportingStore.scoring]
        let streams = try followed + followed.flatMap { try Cursors.streams(of: $0.service, in: db).filter { $0.partition != 0 } }
        return try streams.map { stream in
            DashboardCursor(stream: stream, appliedThrough: try Cursors.appliedThrough(stream: stream, in: db))
        }
    }

    /// Trainees planned by the year's plans filed in scope (PlanFiled.plannedTrainees).
    static func plannedTrainees(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> UInt32 {
        UInt32(
            clamping: try db.int(
                Scope.cte + """
                    SELECT coalesce(sum(planned_trainees), 0) FROM plans
                    WHERE organisation_id IN scope AND year = :year AND known_at < :end
                    """, scope.arguments(window)))
    }

    /// The most recent dated flags (fake and duplicate training, unfiled plans), by the flag's
    /// time. Standing flags (missed training, secretaries without fallback, plan variance) have no
    /// moment of their own (they carry the window's end) and in January name nearly the whole
    /// roster: missed training is the count `missedTraining` instead.
    static func latestFlags(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        var flags: [Flag] = []
        flags += try FakeTraining.lessonsWithoutCheckIns(scope, window, in: db)
        flags += try FakeTraining.overCapacity(scope, window, in: db)
        flags += try FakeTraining.bursts(scope, window, in: db)
        flags += try DuplicateTraining.refused(scope, window, in: db)
        flags += try PlanFlags.unfiled(scope, window, in: db)
        let recentFirst = flags.sorted { a, b in
            if a.at != b.at { return a.at > b.at }
            return (a.kind.rawValue, a.organisationCode, a.subjectCode, a.detail)
                < (b.kind.rawValue, b.organisationCode, b.subjectCode, b.detail)
        }
        return Array(recentFirst.prefix(latestFlags))
    }
}
