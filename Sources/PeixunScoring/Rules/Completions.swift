import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Completion for good (CompletionConfirmed), exactly once per member and period:
/// - a class without an exam: when enrollment completes the member (PeriodCompleted);
/// - a class with an exam: when both PeriodCompleted and a passing ExamRecorded are known, in
///   whichever order they come.
enum Completions {
    /// Publishes CompletionConfirmed for `member` in `period` if everything it needs is known and
    /// it was not published before.
    static func confirmIfDue(member: WireUUID, period: WireUUID, context: ScoringContext, in db: Database) throws {
        let key: StatementArguments = [StoredUUID.encode(member), StoredUUID.encode(period)]
        guard let completion = try db.row(
            "SELECT member_number, class_id, organiser_id, credit_hours, year FROM period_completions WHERE member_id = ? AND period_id = ?",
            key)
        else { return }
        let trainingClass = try StoredUUID.decode(completion["class_id"])
        var examScore: Double?
        let record = try ClassRecord.find(id: trainingClass, in: db)
        // Every partition learns of every completion; the class's own partition confirms it.
        if let record, !context.partition.owns(classCode: record.code) { return }
        if record?.examPassMark != nil {
            guard let exam = try db.row("SELECT score FROM exams WHERE member_id = ? AND period_id = ? AND passed", key) else {
                return
            }
            examScore = exam["score"]
        }
        try db.run("INSERT OR IGNORE INTO confirmations (member_id, period_id, at) VALUES (?, ?, ?)",
                   key + [context.time.microsecondsSinceEpoch])
        guard db.changesCount == 1 else { return }
        try context.publish(
            CompletionConfirmed(
                member: member, memberNumber: completion["member_number"], period: period, trainingClass: trainingClass,
                organiser: try StoredUUID.decode(completion["organiser_id"]), creditHours: completion["credit_hours"],
                examScore: examScore, year: completion["year"]),
            in: db)
    }
}
