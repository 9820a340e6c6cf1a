public import GRDB
public import PeixunMessages

/// The reporting service's own tables, beside the runtime's (outbox, ledger, cursors): a
/// projection of the enrollment and scoring events, and the reports it published.
///
/// Every projected row keeps `known_at`, the envelope time of the event that made it (when that
/// event was committed, microseconds since the Unix epoch, UTC). Reports count only what was
/// known before their window ends, so a past month's report does not change when later events
/// arrive, and a store rebuilt from replay gives the same reports byte for byte.
public enum ReportingStore {
    /// The stream the service publishes on.
    public static let stream = StreamID(service: "reporting", partition: 0)
    /// The streams it follows.
    public static let enrollment = StreamID(service: "enrollment", partition: 0)
    public static let scoring = StreamID(service: "scoring", partition: 0)

    /// Named migrations, never edited once shipped: add new ones.
    public static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("reporting-v1-projection") { db in
            try db.execute(sql: projectionTables)
        }
        migrator.registerMigration("reporting-v2-dashboard") { db in
            try dashboard(db)
        }
    }

    /// Ids are 16-byte blobs; times microseconds since the Unix epoch (UTC); enums their raw values.
    static let projectionTables = """
        CREATE TABLE organisations (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            parent_id BLOB,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX organisations_by_parent ON organisations(parent_id);
        CREATE INDEX organisations_by_code ON organisations(code);
        -- secretary: the member is a branch secretary (党组织书记), who must get fallback training.
        CREATE TABLE members (
            id BLOB PRIMARY KEY,
            number TEXT NOT NULL,
            name TEXT NOT NULL,
            branch_id BLOB NOT NULL,
            secretary INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX members_by_branch ON members(branch_id);
        CREATE TABLE plans (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL,
            organisation_id BLOB NOT NULL,
            level INTEGER NOT NULL,
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            planned_classes INTEGER NOT NULL,
            planned_periods INTEGER NOT NULL,
            planned_trainees INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX plans_by_organisation ON plans(organisation_id, year);
        -- plan_status: PlanStatus raw values (1 unfiled). for_secretaries: the class's target group
        -- names branch secretaries, so completing it is fallback (兜底) training.
        CREATE TABLE classes (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            organiser_id BLOB NOT NULL,
            plan_id BLOB,
            plan_status INTEGER NOT NULL,
            for_secretaries INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX classes_by_organiser ON classes(organiser_id, known_at);
        CREATE INDEX classes_by_plan ON classes(plan_id);
        -- closed_at: envelope time of PeriodClosed, NULL while open.
        CREATE TABLE periods (
            id BLOB PRIMARY KEY,
            class_id BLOB NOT NULL,
            number INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            closed_at INTEGER
        );
        CREATE INDEX periods_by_class ON periods(class_id);
        CREATE TABLE lessons (
            id BLOB PRIMARY KEY,
            period_id BLOB NOT NULL,
            class_id BLOB NOT NULL,
            organiser_id BLOB NOT NULL,
            course_code TEXT NOT NULL,
            course_name TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX lessons_by_start ON lessons(start);
        -- Every venue of a lesson: the main venue (主会场) and live lessons' branch venues (分会场).
        CREATE TABLE venues (
            id BLOB PRIMARY KEY,
            lesson_id BLOB NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            capacity INTEGER NOT NULL
        );
        CREATE INDEX venues_by_lesson ON venues(lesson_id);
        -- A seat taken: MemberEnrolled with a seat, or WaitlistPromoted.
        CREATE TABLE seats (
            enrollment BLOB NOT NULL,
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX seats_by_time ON seats(known_at);
        CREATE TABLE check_ins (
            lesson_id BLOB NOT NULL,
            member_id BLOB NOT NULL,
            venue_id BLOB NOT NULL,
            at INTEGER NOT NULL,
            source TEXT NOT NULL,
            known_at INTEGER NOT NULL,
            PRIMARY KEY (lesson_id, member_id)
        ) WITHOUT ROWID;
        CREATE INDEX check_ins_by_venue ON check_ins(venue_id);
        -- year: PeriodCompleted.year (the year of the period's start, China time).
        CREATE TABLE completions (
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            class_id BLOB NOT NULL,
            year INTEGER NOT NULL,
            known_at INTEGER NOT NULL,
            PRIMARY KEY (member_id, period_id)
        ) WITHOUT ROWID;
        CREATE INDEX completions_by_time ON completions(known_at);
        CREATE INDEX completions_by_class ON completions(class_id);
        CREATE TABLE duplicates (
            member_id BLOB NOT NULL,
            class_id BLOB NOT NULL,
            course_name TEXT NOT NULL,
            earlier_class_name TEXT NOT NULL,
            earlier_school_name TEXT NOT NULL,
            earlier_completed_at INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX duplicates_by_time ON duplicates(known_at);
        CREATE TABLE confirmations (
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            known_at INTEGER NOT NULL,
            PRIMARY KEY (member_id, period_id)
        ) WITHOUT ROWID;
        CREATE TABLE scores (
            id BLOB PRIMARY KEY,
            organiser_id BLOB NOT NULL,
            excellent INTEGER NOT NULL,
            known_at INTEGER NOT NULL
        );
        CREATE INDEX scores_by_time ON scores(known_at);
        -- One monthly report per organisation and month (PublishMonthlyReport).
        CREATE TABLE published_reports (
            organisation_id BLOB NOT NULL,
            month TEXT NOT NULL,
            published_at INTEGER NOT NULL,
            PRIMARY KEY (organisation_id, month)
        ) WITHOUT ROWID;
        """
}
