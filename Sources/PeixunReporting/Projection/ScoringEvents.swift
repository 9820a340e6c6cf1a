import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// What reporting keeps of the scoring events: scores (for excellence rates per school and the
/// dashboard's instructor leaders: who was scored, by whom) and confirmed completions. ExamRecorded and InstructorRatingUpdated are not used yet.
enum ScoringEvents {
    static func apply(type: UInt16, _ bytes: UnsafeRawBufferPointer, at: Int64, in db: Database) throws -> Bool {
        switch type {
        case ScoreRecorded.typeID:
            let score = try ScoreRecorded(decoding: bytes)
            try db.run(
                """
                INSERT INTO scores (id, organiser_id, excellent, known_at, instructor_id, member_id)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [StoredUUID.encode(score.score), StoredUUID.encode(score.organiser), score.excellent, at,
                 StoredUUID.encode(score.instructor), StoredUUID.encode(score.member)])
        case CompletionConfirmed.typeID:
            let confirmed = try CompletionConfirmed(decoding: bytes)
            try db.run(
                "INSERT INTO confirmations (member_id, period_id, known_at) VALUES (?, ?, ?)",
                [StoredUUID.encode(confirmed.member), StoredUUID.encode(confirmed.period), at])
        default: return false
        }
        return true
    }
}
