import GRDB
import PeixunStore

/// What the dashboard's starting state (`ShowDashboard`) needs beyond the v1 projection.
extension ReportingStore {
    /// Migration "reporting-v2-dashboard":
    /// - scores learn who was scored and by whom (instructor leaders, distinct raters), and are
    ///   found by organiser and time (scores of classes run in scope, year to date);
    /// - venues keep their place in the lesson (main venue first);
    /// - instructors (InstructorAdded) give leaders their names.
    ///
    /// Scores projected before this migration have no instructor or rater, and the events are
    /// the only source: the migration forgets what came from the scoring stream (scores,
    /// confirmations, and its cursor) so the subscriber replays it from sequence 1 on start, as
    /// a rebuild does. Instructors added before it stay unknown (names "") until a rebuild: the
    /// enrollment stream is not replayed for a name.
    static func dashboard(_ db: Database) throws {
        try db.execute(sql: dashboardTables)
        try db.execute(sql: "DELETE FROM scores; DELETE FROM confirmations")
        try db.execute(sql: "DELETE FROM peixun_cursors WHERE stream = ?", arguments: [scoring.storeKey])
    }

    static let dashboardTables = """
        ALTER TABLE scores ADD COLUMN instructor_id BLOB;
        ALTER TABLE scores ADD COLUMN member_id BLOB;
        CREATE INDEX scores_by_organiser ON scores(organiser_id, known_at);
        -- position: 0 for the main venue (主会场), then branch venues (分会场) in LessonScheduled order.
        ALTER TABLE venues ADD COLUMN position INTEGER;
        CREATE TABLE instructors (
            id BLOB PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            known_at INTEGER NOT NULL
        );
        """
}
