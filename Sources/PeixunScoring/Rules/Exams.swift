import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Completion exams (结业考试): one result per member and period of a class that has an exam.
///
/// - The score is 0–100 (`exam.invalidScore`); passed when at or above the class's pass mark.
/// - Only classes scheduled with a pass mark have an exam (`exam.notRequired`).
/// - Only a member who attended the period (checked in to one of its lessons) sits its exam
///   (`exam.notAttended`): a result for anyone else is a mistyped member number.
/// - Once per member and period (`exam.alreadyRecorded`, naming the earlier result): a result is
///   evidence in the member's archive, not a draft.
/// - A passing result confirms completion at once when enrollment already completed the member
///   for the period (`Completions`).
enum Exams {
    static func record(_ command: RecordExam, context: ScoringContext, in db: Database) throws -> ExamRecorded {
        guard command.score.isFinite, (0...100).contains(command.score) else {
            throw ScoringError("exam.invalidScore", "an exam score is 0 to 100, not \(NumberText.of(command.score))")
        }
        let trainingClass = try ClassRecord.find(code: command.classCode, in: db)
        try context.partition.requireOwner(of: trainingClass)
        let period = try PeriodRecord.find(trainingClass, number: command.periodNumber, in: db)
        guard let passMark = trainingClass.examPassMark else {
            throw ScoringError(
                "exam.notRequired", "class \(trainingClass.name) (\(trainingClass.code)) has no completion exam")
        }
        let member = try MemberRecord.find(number: command.memberNumber, in: db)
        try requireAttendance(member, period, trainingClass, in: db)
        try requireFirst(member, period, trainingClass, in: db)

        let event = ExamRecorded(
            member: member.id, period: period.id, score: command.score, passed: command.score >= passMark, at: context.time,
            trainingClass: trainingClass.id, passMark: passMark, memberNumber: member.number)
        try db.run(
            "INSERT INTO exams (member_id, period_id, score, pass_mark, passed, at) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(member.id), StoredUUID.encode(period.id), event.score, passMark, event.passed,
             context.time.microsecondsSinceEpoch])
        try context.publish(event, in: db)
        if event.passed {
            try Completions.confirmIfDue(member: member.id, period: period.id, context: context, in: db)
        }
        return event
    }

    static func requireAttendance(_ member: MemberRecord, _ period: PeriodRecord, _ trainingClass: ClassRecord, in db: Database) throws {
        let attended = try db.exists(
            """
            SELECT 1 FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.member_id = ?
            WHERE l.period_id = ? LIMIT 1
            """, [StoredUUID.encode(member.id), StoredUUID.encode(period.id)])
        guard attended else {
            throw ScoringError(
                "exam.notAttended",
                "\(member.label) attended no lesson of period \(period.number) of \(trainingClass.name) and has no exam to record")
        }
    }

    static func requireFirst(_ member: MemberRecord, _ period: PeriodRecord, _ trainingClass: ClassRecord, in db: Database) throws {
        guard let earlier = try db.row(
            "SELECT score, passed, at FROM exams WHERE member_id = ? AND period_id = ?",
            [StoredUUID.encode(member.id), StoredUUID.encode(period.id)])
        else { return }
        let outcome = (earlier["passed"] as Bool) ? "passed" : "not passed"
        throw ScoringError(
            "exam.alreadyRecorded",
            "\(member.label) already has an exam result for period \(period.number) of \(trainingClass.name): "
                + "\(NumberText.of(earlier["score"])), \(outcome), recorded \(WireTimestamp(stored: earlier["at"]).chinaText)")
    }
}
