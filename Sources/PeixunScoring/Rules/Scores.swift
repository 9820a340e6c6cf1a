import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// A trainee scores the instructor of a lesson they attended, once.
///
/// - Each dimension is 1–5 (`score.invalidValue`); the comment at most 500 characters
///   (`score.invalidComment`); blank comments are dropped.
/// - Only a member scoring has seen check in to the lesson may score it (`score.notAttended`):
///   the CheckedIn events are the evidence, and a score without attendance is fake evaluation.
/// - Once per member and lesson (`score.alreadySubmitted`, naming the earlier score): scores
///   feed instructor appraisal, and a score that could be replaced invites pressure to re-score.
/// - Each score publishes ScoreRecorded and the instructor's new InstructorRatingUpdated.
enum Scores {
    static func submit(_ command: SubmitScore, context: ScoringContext, in db: Database) throws -> ScoreRecorded {
        try validate(command)
        let comment = try self.comment(command.comment)
        let member = try MemberRecord.find(number: command.memberNumber, in: db)
        let lesson = try LessonRecord.find(id: command.lesson, in: db)
        try context.partition.requireOwner(ofClass: lesson.trainingClass, in: db)
        try requireAttendance(member, lesson, in: db)
        try requireFirst(member, lesson, in: db)

        let excellent = ScoreScale.isExcellent(content: command.content, delivery: command.delivery, usefulness: command.usefulness)
        let instructorRate = try Tallies.count(.instructor, subject: lesson.instructor, member: member.id, excellent: excellent, in: db)
        try Tallies.count(.course, subject: lesson.course, member: member.id, excellent: excellent, in: db)
        try Tallies.count(.school, subject: lesson.organiser, member: member.id, excellent: excellent, in: db)

        let event = ScoreRecorded(
            score: .random(), lesson: lesson.id, instructor: lesson.instructor, member: member.id, content: command.content,
            delivery: command.delivery, usefulness: command.usefulness, comment: comment, at: context.time,
            course: lesson.course, organiser: lesson.organiser, trainingClass: lesson.trainingClass, period: lesson.period,
            excellent: excellent, memberNumber: member.number)
        try store(event, in: db)
        try context.publish(event, in: db)
        // An instructor teaches classes of every partition: one partition's rate would be a part
        // passed off as the whole, so a split scoring leaves the rate to reporting's figures.
        guard context.partition.count == 1 else { return event }
        try context.publish(
            InstructorRatingUpdated(
                instructor: lesson.instructor, raters: instructorRate.raters, excellentShare: instructorRate.share,
                scores: instructorRate.scores, intervalLow: instructorRate.interval?.lowerBound,
                intervalHigh: instructorRate.interval?.upperBound),
            in: db)
        return event
    }

    static func validate(_ command: SubmitScore) throws {
        for (name, value) in [("content", command.content), ("delivery", command.delivery), ("usefulness", command.usefulness)]
        where !ScoreScale.range.contains(value) {
            throw ScoringError("score.invalidValue", "\(name) must be a whole number from 1 (poor) to 5 (excellent), not \(value)")
        }
    }

    /// The comment trimmed; nil when blank.
    static func comment(_ text: String?) throws -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= ScoreScale.maximumCommentLength else {
            throw ScoringError(
                "score.invalidComment",
                "the comment has \(trimmed.count) characters; at most \(ScoreScale.maximumCommentLength) are kept with a score")
        }
        return trimmed
    }

    // The lookups and writes below run for every score (hundreds of thousands a year): stepped
    // by hand (`Database+Steps`), no GRDB `Row`s or `StatementArguments`.
    static func requireAttendance(_ member: MemberRecord, _ lesson: LessonRecord, in db: Database) throws {
        let attended = try db.exists(
            "SELECT 1 FROM attendance WHERE lesson_id = ? AND member_id = ?", [.uuid(lesson.id), .uuid(member.id)])
        guard attended else {
            throw ScoringError(
                "score.notAttended",
                "\(member.label) has no check-in at \(lesson.label); only members who attended a lesson score its instructor")
        }
    }

    static func requireFirst(_ member: MemberRecord, _ lesson: LessonRecord, in db: Database) throws {
        guard let earlier = try db.first(
            "SELECT content, delivery, usefulness, at FROM scores WHERE lesson_id = ? AND member_id = ?",
            [.uuid(lesson.id), .uuid(member.id)], read: { row in (row.int(0), row.int(1), row.int(2), row.int(3)) })
        else { return }
        let at = WireTimestamp(microsecondsSinceEpoch: earlier.3)
        let values = "content \(earlier.0), delivery \(earlier.1), usefulness \(earlier.2)"
        throw ScoringError(
            "score.alreadySubmitted",
            "\(member.label) already scored \(lesson.label) at \(at.chinaText) (\(values)); a score is given once and not replaced")
    }

    static func store(_ event: ScoreRecorded, in db: Database) throws {
        try db.perform(
            """
            INSERT INTO scores (id, lesson_id, member_id, instructor_id, course_id, organiser_id, content, delivery,
                usefulness, comment, at, excellent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.uuid(event.score), .uuid(event.lesson), .uuid(event.member), .uuid(event.instructor), .uuid(event.course),
             .uuid(event.organiser), .int(Int64(event.content)), .int(Int64(event.delivery)), .int(Int64(event.usefulness)),
             event.comment.map { .text($0) } ?? .null, .int(event.at.microsecondsSinceEpoch), .int(event.excellent ? 1 : 0)])
    }
}
