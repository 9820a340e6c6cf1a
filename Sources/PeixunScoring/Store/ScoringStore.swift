public import GRDB
public import PeixunMessages

/// The scoring service's own tables, beside the runtime's (outbox, ledger, cursors).
///
/// Two kinds of table: what the service learns from enrollment's events (members, instructors,
/// courses, schools, classes, periods, lessons, attendance, period completions) and what its own
/// commands record (scores, tallies, exams, confirmed completions). The first kind has no foreign
/// keys: enrollment's stream is applied in order, so a reference always arrives after its target,
/// and a projection that refused an event would stop following the stream for good.
public enum ScoringStore {
    /// The stream the service publishes on.
    public static let stream = StreamID(service: "scoring", partition: 0)

    /// The stream it follows.
    public static let enrollmentStream = StreamID(service: "enrollment", partition: 0)

    /// Named migrations, never edited once shipped: add new ones.
    public static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scoring-v1") { db in
            try db.execute(sql: projectionTables)
            try db.execute(sql: scoringTables)
        }
    }

    /// Times are microseconds since the Unix epoch (UTC); ids are 16-byte blobs.
    static let projectionTables = """
        CREATE TABLE members (
            id BLOB PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL
        );
        CREATE TABLE instructors (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL
        );
        CREATE TABLE courses (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL
        );
        -- The organisers of classes (a school, a committee), as ClassScheduled names them.
        CREATE TABLE schools (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL
        );
        -- exam_pass_mark: NULL when the class has no completion exam.
        CREATE TABLE classes (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            organiser_id BLOB NOT NULL,
            exam_pass_mark REAL
        );
        CREATE TABLE periods (
            id BLOB PRIMARY KEY,
            class_id BLOB NOT NULL,
            number INTEGER NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            UNIQUE (class_id, number)
        );
        CREATE TABLE lessons (
            id BLOB PRIMARY KEY,
            period_id BLOB NOT NULL,
            class_id BLOB NOT NULL,
            course_id BLOB NOT NULL,
            instructor_id BLOB NOT NULL,
            organiser_id BLOB NOT NULL,
            course_name TEXT NOT NULL,
            instructor_name TEXT NOT NULL,
            start INTEGER NOT NULL
        );
        CREATE INDEX lessons_by_period ON lessons(period_id);
        -- Who checked in to which lesson (CheckedIn): the evidence that entitles a member to score.
        CREATE TABLE attendance (
            lesson_id BLOB NOT NULL,
            member_id BLOB NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (lesson_id, member_id)
        ) WITHOUT ROWID;
        -- PeriodCompleted: the member met the class's attendance rule.
        CREATE TABLE period_completions (
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            member_number TEXT NOT NULL,
            class_id BLOB NOT NULL,
            organiser_id BLOB NOT NULL,
            credit_hours REAL NOT NULL,
            year INTEGER NOT NULL,
            PRIMARY KEY (member_id, period_id)
        ) WITHOUT ROWID;
        """

    /// What the service's own commands record.
    static let scoringTables = """
        -- One score per member and lesson; the excellent flag is kept as decided when it was given.
        CREATE TABLE scores (
            id BLOB PRIMARY KEY,
            lesson_id BLOB NOT NULL REFERENCES lessons(id),
            member_id BLOB NOT NULL REFERENCES members(id),
            instructor_id BLOB NOT NULL,
            course_id BLOB NOT NULL,
            organiser_id BLOB NOT NULL,
            content INTEGER NOT NULL,
            delivery INTEGER NOT NULL,
            usefulness INTEGER NOT NULL,
            comment TEXT,
            at INTEGER NOT NULL,
            excellent INTEGER NOT NULL,
            UNIQUE (lesson_id, member_id)
        );
        CREATE INDEX scores_by_member ON scores(member_id, at);
        -- "Has this member scored this instructor / course / school before?" (a new rater or not).
        CREATE INDEX scores_by_instructor ON scores(instructor_id, member_id);
        CREATE INDEX scores_by_course ON scores(course_id, member_id);
        CREATE INDEX scores_by_school ON scores(organiser_id, member_id);
        -- Running counts per instructor (scope 1), course (2) and school (3): ExcellenceScope's
        -- raw values. Kept with each score so a rate costs one row, not a scan of the scores.
        CREATE TABLE tallies (
            scope INTEGER NOT NULL,
            subject BLOB NOT NULL,
            scores INTEGER NOT NULL,
            excellent INTEGER NOT NULL,
            raters INTEGER NOT NULL,
            PRIMARY KEY (scope, subject)
        ) WITHOUT ROWID;
        -- One completion-exam result per member and period.
        CREATE TABLE exams (
            member_id BLOB NOT NULL REFERENCES members(id),
            period_id BLOB NOT NULL REFERENCES periods(id),
            score REAL NOT NULL,
            pass_mark REAL NOT NULL,
            passed INTEGER NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (member_id, period_id)
        ) WITHOUT ROWID;
        -- CompletionConfirmed published, once per member and period.
        CREATE TABLE confirmations (
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (member_id, period_id)
        ) WITHOUT ROWID;
        """
}
