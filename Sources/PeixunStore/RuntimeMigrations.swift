import GRDB

/// The runtime's own tables, created in every service's store before the service's migrations.
///
/// Each migration is a name and raw SQL. Once a migration has shipped its name and text never
/// change (a file that ran it would not run the new text); a change is a new migration with a
/// new name. Names starting with `peixun-` are reserved for this list.
enum RuntimeMigrations {
    static let reservedPrefix = "peixun-"

    static let all: [(name: String, sql: String)] = [
        (
            "peixun-runtime-v1",
            """
            -- The transactional outbox: every event the service has committed, per stream, numbered
            -- 1, 2, 3… without gaps. It is also the service's event log (see Retention).
            CREATE TABLE peixun_outbox (
                stream TEXT NOT NULL,             -- StreamID.storeKey, "service/partition"
                sequence INTEGER NOT NULL,        -- 1, 2, 3… per stream
                topic TEXT NOT NULL,              -- "<service>.<Event>", the bus topic
                event_type INTEGER NOT NULL,      -- the payload's type id
                schema_version INTEGER NOT NULL,  -- the payload family's version when written
                committed_at INTEGER NOT NULL,    -- UTC microseconds since 1970
                command_id BLOB NOT NULL,         -- 16-byte uuid
                correlation_id BLOB NOT NULL,     -- 16-byte uuid
                payload BLOB NOT NULL,            -- the encoded event, header included
                PRIMARY KEY (stream, sequence)
            ) WITHOUT ROWID;

            -- The last sequence given out per stream; read and advanced in the appending transaction.
            CREATE TABLE peixun_stream_heads (
                stream TEXT PRIMARY KEY,
                head INTEGER NOT NULL
            );

            -- How far the publisher is known to have sent each stream (it may have sent more:
            -- subscribers skip duplicates by their cursors).
            CREATE TABLE peixun_published (
                stream TEXT PRIMARY KEY,
                through INTEGER NOT NULL
            );

            -- Idempotent commands: a command id and the reply it got, recorded with its effects.
            CREATE TABLE peixun_commands (
                command_id BLOB PRIMARY KEY,
                reply BLOB NOT NULL,
                recorded_at INTEGER NOT NULL      -- UTC microseconds since 1970
            );

            -- Idempotent subscribers: the last sequence applied per stream, written with the
            -- projection it updated.
            CREATE TABLE peixun_cursors (
                stream TEXT PRIMARY KEY,
                applied_through INTEGER NOT NULL
            );
            """
        ),
        (
            "peixun-runtime-v2-causal-stamps",
            """
            -- An event's causal stamp (Envelope.after): "stream=sequence" pairs, space separated,
            -- e.g. "enrollment/0=1200"; NULL when the event depends on no other stream.
            ALTER TABLE peixun_outbox ADD COLUMN after_positions TEXT;
            """
        ),
    ]

    static func register(in migrator: inout DatabaseMigrator) {
        for migration in all {
            let sql = migration.sql
            migrator.registerMigration(migration.name) { db in try db.execute(sql: sql) }
        }
    }
}
