import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Classes, periods, lessons, attendance and completion as enrollment announces them.
enum TrainingEvents {
    static func classScheduled(_ event: ClassScheduled, in db: Database) throws {
        try Directory.school(id: event.organiser, code: event.organiserCode, name: event.organiserName, in: db)
        try db.run(
            """
            INSERT INTO classes (id, code, name, organiser_id, exam_pass_mark) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name,
                organiser_id = excluded.organiser_id, exam_pass_mark = excluded.exam_pass_mark
            """,
            [StoredUUID.encode(event.trainingClass), event.code, event.name, StoredUUID.encode(event.organiser), event.examPassMark])
        for period in event.periods {
            try db.run(
                "INSERT INTO periods (id, class_id, number) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [StoredUUID.encode(period.period), StoredUUID.encode(event.trainingClass), period.number])
        }
    }

    static func lessonScheduled(_ event: LessonScheduled, in db: Database) throws {
        try db.run(
            """
            INSERT INTO lessons (id, period_id, class_id, course_id, instructor_id, organiser_id, course_name,
                instructor_name, start)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """,
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.period), StoredUUID.encode(event.trainingClass),
             StoredUUID.encode(event.course), StoredUUID.encode(event.instructor), StoredUUID.encode(event.organiser),
             event.courseName, event.instructorName, event.start.microsecondsSinceEpoch])
    }

    static func checkedIn(_ event: CheckedIn, in db: Database) throws {
        // The most frequent event: stepped by hand (`Database+Steps`).
        try db.perform(
            "INSERT INTO attendance (lesson_id, member_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [.uuid(event.lesson), .uuid(event.member), .int(event.at.microsecondsSinceEpoch)])
    }

    /// Remembers the completion (credit hours, year) for CompletionConfirmed, then confirms it
    /// now if the class has no exam or its exam was already passed.
    static func periodCompleted(_ event: PeriodCompleted, context: ScoringContext, in db: Database) throws {
        try db.run(
            """
            INSERT INTO period_completions (member_id, period_id, member_number, class_id, organiser_id, credit_hours, year)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            [StoredUUID.encode(event.member), StoredUUID.encode(event.period), event.memberNumber,
             StoredUUID.encode(event.trainingClass), StoredUUID.encode(event.organiser), event.creditHours, event.year])
        try Completions.confirmIfDue(member: event.member, period: event.period, context: context, in: db)
    }

    static func periodClosed(_ event: PeriodClosed, in db: Database) throws {
        try db.run("UPDATE periods SET closed = 1 WHERE id = ?", [StoredUUID.encode(event.period)])
    }
}
