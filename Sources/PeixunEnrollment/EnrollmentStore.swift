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
    }
}
