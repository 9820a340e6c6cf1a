import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Running counts of scores, excellent scores and raters per instructor, course and school,
/// updated with each score in its transaction.
enum Tallies {
    /// The column of `scores` that names the subject of a scope.
    static func column(_ scope: ExcellenceScope) -> String {
        switch scope {
        case .instructor: "instructor_id"
        case .course: "course_id"
        case .school: "organiser_id"
        }
    }

    /// Counts a score given by `member` to `subject`; call before the score is stored, so that
    /// "has this member scored it before" means an earlier score. Returns the new rate.
    @discardableResult
    static func count(
        _ scope: ExcellenceScope, subject: WireUUID, member: WireUUID, excellent: Bool, in db: Database
    ) throws -> ExcellenceRate {
        // Once per scope for every score: stepped by hand (`Database+Steps`).
        let earlier = try db.exists(
            "SELECT 1 FROM scores WHERE \(column(scope)) = ? AND member_id = ? LIMIT 1", [.uuid(subject), .uuid(member)])
        // All of an INSERT … RETURNING's changes are made at its first step.
        let counts = try db.first(
            """
            INSERT INTO tallies (scope, subject, scores, excellent, raters) VALUES (?, ?, 1, ?, ?)
            ON CONFLICT (scope, subject) DO UPDATE SET
                scores = scores + 1, excellent = excellent + excluded.excellent, raters = raters + excluded.raters
            RETURNING scores, excellent, raters
            """, [.int(Int64(scope.rawValue)), .uuid(subject), .int(excellent ? 1 : 0), .int(earlier ? 0 : 1)]
        ) { row in (UInt32(truncatingIfNeeded: row.int(0)), UInt32(truncatingIfNeeded: row.int(1)), UInt32(truncatingIfNeeded: row.int(2))) }
        guard let counts else { throw ScoringError("store.corrupt", "counting a score returned no tally") }
        return ExcellenceRate(raters: counts.2, scores: counts.0, excellent: counts.1)
    }

    /// The rate of `subject` (zero counts before its first score).
    static func rate(_ scope: ExcellenceScope, subject: WireUUID, in db: Database) throws -> ExcellenceRate {
        guard let row = try db.row(
            "SELECT scores, excellent, raters FROM tallies WHERE scope = ? AND subject = ?",
            [scope.rawValue, StoredUUID.encode(subject)])
        else { return ExcellenceRate(raters: 0, scores: 0, excellent: 0) }
        return ExcellenceRate(raters: row["raters"], scores: row["scores"], excellent: row["excellent"])
    }
}
