public import GRDB
public import PeixunMessages

/// The archive service's own tables, beside the runtime's (outbox, ledger, cursors). Everything
/// here is derived from the enrollment and scoring events (and the archive's own SealMonth), so
/// deleting the file and replaying gives the same chains and roots.
public enum ArchiveStore {
    /// The stream the service publishes on.
    public static let stream = StreamID(service: "archive", partition: 0)
    /// The streams the archive follows.
    public static let enrollmentStream = StreamID(service: "enrollment", partition: 0)
    public static let scoringStream = StreamID(service: "scoring", partition: 0)

    /// Named migrations, never edited once shipped: add new ones.
    public static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("archive-v1") { db in
            try db.execute(sql: tables)
        }
    }

    /// Times are microseconds since the Unix epoch (UTC); ids 16-byte blobs; enums raw values;
    /// hashes 32-byte blobs.
    static let tables = """
        -- Names and the tree, remembered from enrollment's events (never read from its store).
        CREATE TABLE organisations (
            id BLOB PRIMARY KEY,
            parent_id BLOB,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL
        );
        CREATE INDEX organisations_by_parent ON organisations(parent_id);
        CREATE INDEX organisations_by_code ON organisations(code);
        CREATE TABLE members (
            id BLOB PRIMARY KEY,
            number TEXT NOT NULL,
            name TEXT NOT NULL,
            branch_id BLOB NOT NULL,
            secretary INTEGER NOT NULL  -- a branch secretary or committee member: the higher quota
        );
        CREATE INDEX members_by_number ON members(number);
        CREATE INDEX members_by_branch ON members(branch_id);
        CREATE TABLE courses (id BLOB PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL);
        CREATE TABLE classes (id BLOB PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, exam_pass_mark REAL);
        CREATE TABLE periods (id BLOB PRIMARY KEY, class_id BLOB NOT NULL, number INTEGER NOT NULL);
        CREATE TABLE lessons (id BLOB PRIMARY KEY, course_id BLOB NOT NULL, course_name TEXT NOT NULL);
        -- Each member's chains, one per lane (1 enrollment, 2 scoring): the hashed content's
        -- columns, the link and the hash (docs/archive.md).
        CREATE TABLE entries (
            member_id BLOB NOT NULL,
            lane INTEGER NOT NULL,
            entry INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            at INTEGER NOT NULL,
            source_sequence INTEGER NOT NULL,
            class_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            lesson_id BLOB NOT NULL,
            course_id BLOB NOT NULL,
            credit_hours REAL NOT NULL,
            score REAL,
            passed INTEGER,
            previous_hash BLOB NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (member_id, lane, entry)
        ) WITHOUT ROWID;
        -- Completions for the credit-hour ledger, by the year of the period (China time).
        CREATE TABLE completions (
            member_id BLOB NOT NULL,
            period_id BLOB NOT NULL,
            lane INTEGER NOT NULL,
            class_id BLOB NOT NULL,
            year INTEGER NOT NULL,
            credit_hours REAL NOT NULL,
            PRIMARY KEY (member_id, period_id, lane)
        ) WITHOUT ROWID;
        CREATE INDEX completions_by_year ON completions(year, member_id);
        -- The latest month (YYYY-MM, China time) each followed stream has delivered an event of.
        CREATE TABLE stream_months (stream TEXT PRIMARY KEY, month TEXT NOT NULL);
        -- Sealed months per committee.
        CREATE TABLE monthly_roots (
            committee_id BLOB NOT NULL,
            month TEXT NOT NULL,
            root BLOB NOT NULL,
            members INTEGER NOT NULL,
            PRIMARY KEY (committee_id, month)
        ) WITHOUT ROWID;
        """
}
