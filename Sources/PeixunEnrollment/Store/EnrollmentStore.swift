public import GRDB
public import PeixunMessages

/// The enrollment service's own tables, beside the runtime's (outbox, ledger, cursors).
public enum EnrollmentStore {
    /// The stream the service publishes on.
    public static let stream = StreamID(service: "enrollment", partition: 0)

    /// Named migrations, never edited once shipped: add new ones.
    public static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("enrollment-v1-organisations-members") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organisations (
                        id BLOB PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        parent_id BLOB REFERENCES organisations(id)
                    );
                    CREATE TABLE members (
                        id BLOB PRIMARY KEY,
                        number TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        branch_id BLOB NOT NULL REFERENCES organisations(id),
                        categories TEXT NOT NULL,
                        joined INTEGER
                    );
                    CREATE INDEX members_by_branch ON members(branch_id);
                    """)
        }
        migrator.registerMigration("enrollment-v2-training") { db in
            try db.execute(sql: trainingTables)
        }
        // Seat assignment finds the highest seat held and whether a freed seat is held again by
        // index lookups instead of a scan of the period's enrollments (Enrollments.lowestFreeSeat).
        migrator.registerMigration("enrollment-v3-seats") { db in
            try db.execute(sql: "CREATE INDEX enrollments_by_seat ON enrollments(period_id, status, seat)")
        }
        migrator.registerMigration("enrollment-v4-one-member-index") { db in
            try db.execute(sql: oneMemberIndex)
        }
    }

    /// One index of enrollments by member instead of two. Members are keyed by random ids, so
    /// each index on `member_id` costs an Enroll a leaf page of its own (4 KB of WAL at group
    /// commit); `enrollments_active` (unique, partial) and `enrollments_by_member` were two.
    /// The expression is 1 for an active enrollment (enrolled or waitlisted) and NULL otherwise,
    /// and NULLs never collide in a unique index: so at most one active enrollment per member
    /// and period, as before, and any number of ended ones, in the one index that also serves
    /// every lookup by member.
    static let oneMemberIndex = """
        DROP INDEX enrollments_active;
        DROP INDEX enrollments_by_member;
        CREATE UNIQUE INDEX enrollments_by_member ON enrollments(member_id, period_id, (CASE WHEN status IN (1, 2) THEN 1 END));
        """

    /// Times are microseconds since the Unix epoch (UTC); ids are 16-byte blobs; enums their raw
    /// values; category sets their sorted raw values, comma-separated.
    static let trainingTables = """
        -- Subtree queries walk down the tree.
        CREATE INDEX organisations_by_parent ON organisations(parent_id);
        CREATE TABLE courses (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            module INTEGER NOT NULL,
            credit_hours REAL NOT NULL,
            mode INTEGER NOT NULL
        );
        CREATE TABLE instructors (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            organisation_id BLOB NOT NULL REFERENCES organisations(id)
        );
        CREATE TABLE plans (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            organisation_id BLOB NOT NULL REFERENCES organisations(id),
            superior_id BLOB REFERENCES organisations(id),
            level INTEGER NOT NULL,
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            planned_classes INTEGER NOT NULL,
            planned_periods INTEGER NOT NULL,
            planned_trainees INTEGER NOT NULL,
            acknowledged_by BLOB REFERENCES organisations(id),
            acknowledged_at INTEGER
        );
        CREATE TABLE classes (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            organiser_id BLOB NOT NULL REFERENCES organisations(id),
            plan_id BLOB REFERENCES plans(id),
            target_categories TEXT NOT NULL,
            completion_percent INTEGER NOT NULL,
            exam_pass_mark REAL
        );
        CREATE TABLE periods (
            id BLOB PRIMARY KEY,
            class_id BLOB NOT NULL REFERENCES classes(id),
            number INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            capacity INTEGER NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            UNIQUE (class_id, number)
        );
        CREATE TABLE lessons (
            id BLOB PRIMARY KEY,
            period_id BLOB NOT NULL REFERENCES periods(id),
            course_id BLOB NOT NULL REFERENCES courses(id),
            instructor_id BLOB NOT NULL REFERENCES instructors(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL
        );
        CREATE INDEX lessons_by_period ON lessons(period_id, start);
        CREATE INDEX lessons_by_instructor ON lessons(instructor_id, start);
        -- Every venue of a lesson; the main venue (主会场) has main = 1, branch venues (分会场) 0.
        CREATE TABLE lesson_venues (
            id BLOB PRIMARY KEY,
            lesson_id BLOB NOT NULL REFERENCES lessons(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            capacity INTEGER NOT NULL,
            main INTEGER NOT NULL,
            UNIQUE (lesson_id, code)
        );
        -- status: EnrollmentStatus raw values (1 enrolled, 2 waitlisted, 3 cancelled, 4 completed,
        -- 5 notCompleted). seat: the seat number when enrolled (0 while waitlisted). The waitlist is
        -- ordered by queue (the enrollment time, microseconds), then rowid.
        CREATE TABLE enrollments (
            id BLOB PRIMARY KEY,
            member_id BLOB NOT NULL REFERENCES members(id),
            period_id BLOB NOT NULL REFERENCES periods(id),
            status INTEGER NOT NULL,
            seat INTEGER NOT NULL,
            queue INTEGER NOT NULL,
            enrolled_at INTEGER NOT NULL,
            credit_hours REAL NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX enrollments_active ON enrollments(member_id, period_id) WHERE status IN (1, 2);
        CREATE INDEX enrollments_by_period ON enrollments(period_id, status, queue);
        CREATE INDEX enrollments_by_member ON enrollments(member_id, status);
        CREATE TABLE check_ins (
            lesson_id BLOB NOT NULL REFERENCES lessons(id),
            member_id BLOB NOT NULL REFERENCES members(id),
            venue_id BLOB NOT NULL REFERENCES lesson_venues(id),
            at INTEGER NOT NULL,
            method INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (lesson_id, member_id)
        ) WITHOUT ROWID;
        -- The courses a member completed, by the year of the period (China time): duplicate training.
        CREATE TABLE completed_courses (
            member_id BLOB NOT NULL REFERENCES members(id),
            course_id BLOB NOT NULL REFERENCES courses(id),
            year INTEGER NOT NULL,
            period_id BLOB NOT NULL REFERENCES periods(id),
            completed_at INTEGER NOT NULL,
            PRIMARY KEY (member_id, course_id, year, period_id)
        ) WITHOUT ROWID;
        -- The service's own settings; the check-in code key is made once, when the store is created.
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        INSERT INTO settings (key, value) VALUES ('checkInKey', randomblob(32));
        """
}
