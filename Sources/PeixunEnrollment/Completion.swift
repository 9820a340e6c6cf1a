import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Closing a period decides completion for each enrolled member: completed when they attended
/// at least the class's share of the period's lessons (80% unless the class says otherwise).
/// Credit hours accrue from the lessons attended; the courses attended count as completed for
/// duplicate training. The waitlist is cancelled. A closed period takes no more enrollments,
/// cancellations, lessons or check-ins.
enum Completion {
    struct Attended {
        var lessons = 0
        var creditHours = 0.0
        var courses: [WireUUID] = []
    }

    static func close(_ command: ClosePeriod, context: CommandContext, in db: Database) throws -> PeriodClosed {
        let trainingClass = try ClassRecord.find(code: command.classCode, in: db)
        let period = try PeriodRecord.find(trainingClass, number: command.periodNumber, in: db)
        try period.requireOpen(trainingClass)
        let periodID = StoredUUID.encode(period.id)
        let lessons = try db.int("SELECT count(*) FROM lessons WHERE period_id = ?", [periodID])
        guard lessons > 0 else {
            throw EnrollmentError("period.noLessons", "period \(period.number) of \(trainingClass.name) has no lessons to complete")
        }
        let attendance = try attended(period: periodID, in: db)
        var completed: UInt32 = 0
        for seat in try db.rows(
            """
            SELECT e.id, e.member_id, m.number FROM enrollments e JOIN members m ON m.id = e.member_id
            WHERE e.period_id = ? AND e.status = 1
            """, [periodID])
        {
            let member = try StoredUUID.decode(seat["member_id"])
            let record = attendance[member] ?? Attended()
            let passed = record.lessons * 100 >= trainingClass.completionPercent * lessons
            try db.run(
                "UPDATE enrollments SET status = ?, credit_hours = ? WHERE id = ?",
                [passed ? EnrollmentStatus.completed.rawValue : EnrollmentStatus.notCompleted.rawValue,
                 passed ? record.creditHours : 0, seat["id"] as Data])
            guard passed else { continue }
            completed += 1
            try recordCompletion(member, number: seat["number"], record, period: period, trainingClass, lessons: lessons, context: context, in: db)
        }
        let notCompleted = UInt32(try db.int("SELECT count(*) FROM enrollments WHERE period_id = ? AND status = 5", [periodID]))
        try cancelWaitlist(of: period, trainingClass, context: context, in: db)
        try db.run("UPDATE periods SET closed = 1 WHERE id = ?", [periodID])
        let event = PeriodClosed(
            period: period.id, trainingClass: trainingClass.id, completed: completed, notCompleted: notCompleted,
            lessons: UInt32(lessons))
        try context.publish(event, in: db)
        return event
    }

    /// Each member's attended lessons in the period, with their credit hours and courses.
    static func attended(period: Data, in db: Database) throws -> [WireUUID: Attended] {
        var attendance: [WireUUID: Attended] = [:]
        for row in try db.rows(
            """
            SELECT c.member_id, l.course_id, co.credit_hours FROM lessons l
            JOIN check_ins c ON c.lesson_id = l.id JOIN courses co ON co.id = l.course_id
            WHERE l.period_id = ?
            """, [period])
        {
            let member = try StoredUUID.decode(row["member_id"])
            let course = try StoredUUID.decode(row["course_id"])
            attendance[member, default: Attended()].lessons += 1
            attendance[member, default: Attended()].creditHours += row["credit_hours"] as Double
            if attendance[member]?.courses.contains(course) == false { attendance[member]?.courses.append(course) }
        }
        return attendance
    }

    static func recordCompletion(
        _ member: WireUUID, number: String, _ record: Attended, period: PeriodRecord, _ trainingClass: ClassRecord, lessons: Int,
        context: CommandContext, in db: Database
    ) throws {
        let year = period.start.chinaYear
        for course in record.courses {
            try db.run(
                "INSERT OR IGNORE INTO completed_courses (member_id, course_id, year, period_id, completed_at) VALUES (?, ?, ?, ?, ?)",
                [StoredUUID.encode(member), StoredUUID.encode(course), year, StoredUUID.encode(period.id), context.time.microsecondsSinceEpoch])
        }
        try context.publish(
            PeriodCompleted(
                member: member, memberNumber: number, period: period.id, trainingClass: trainingClass.id,
                organiser: trainingClass.organiser, lessons: UInt32(lessons), attended: UInt32(record.lessons),
                creditHours: record.creditHours, courses: record.courses, year: year),
            in: db)
    }

    /// Members still waiting when the period closes will not get a seat: their enrollments end.
    static func cancelWaitlist(of period: PeriodRecord, _ trainingClass: ClassRecord, context: CommandContext, in db: Database) throws {
        for row in try db.rows(
            """
            SELECT e.id, e.member_id, m.number FROM enrollments e JOIN members m ON m.id = e.member_id
            WHERE e.period_id = ? AND e.status = 2 ORDER BY e.queue, e.rowid
            """, [StoredUUID.encode(period.id)])
        {
            try db.run("UPDATE enrollments SET status = 3 WHERE id = ?", [row["id"] as Data])
            try context.publish(
                EnrollmentCancelled(
                    enrollment: try StoredUUID.decode(row["id"]), member: try StoredUUID.decode(row["member_id"]), period: period.id,
                    trainingClass: trainingClass.id, wasWaitlisted: true, reason: "the period closed", memberNumber: row["number"]),
                in: db)
        }
    }
}
