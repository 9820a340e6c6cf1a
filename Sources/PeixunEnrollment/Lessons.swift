import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Lessons: a course taught by a booked instructor at a time and venue, within a period. A live
/// lesson has a main venue (主会场) and branch venues (分会场).
enum Lessons {
    static func schedule(_ command: ScheduleLesson, context: CommandContext, in db: Database) throws -> LessonBooked {
        let trainingClass = try ClassRecord.find(code: command.classCode, in: db)
        let period = try PeriodRecord.find(trainingClass, number: command.periodNumber, in: db)
        try period.requireOpen(trainingClass)
        let course = try CourseRecord.find(code: command.courseCode, in: db)
        let instructor = try InstructorRecord.find(code: command.instructorCode, in: db)
        guard command.start < command.end else {
            throw EnrollmentError("lesson.invalidTimes", "a lesson of \(course.name) ends (\(command.end)) before it starts (\(command.start))")
        }
        guard period.start <= command.start, command.end <= period.end else {
            throw EnrollmentError(
                "lesson.outsidePeriod",
                "the lesson (\(command.start) – \(command.end)) is outside period \(period.number) of \(trainingClass.name) (\(period.start) – \(period.end))")
        }
        try requireFree(instructor, from: command.start, to: command.end, in: db)
        let venues = try Venues.check(main: command.venue, branches: command.branchVenues, mode: course.mode)
        let lesson = WireUUID.random()
        try db.run(
            "INSERT INTO lessons (id, period_id, course_id, instructor_id, start, end) VALUES (?, ?, ?, ?, ?, ?)",
            [
                StoredUUID.encode(lesson), StoredUUID.encode(period.id), StoredUUID.encode(course.id),
                StoredUUID.encode(instructor.id), command.start.microsecondsSinceEpoch, command.end.microsecondsSinceEpoch,
            ])
        let stored = try Venues.insert(venues, lesson: lesson, in: db)
        try context.publish(
            LessonScheduled(
                lesson: lesson, period: period.id, courseName: course.name, instructor: instructor.id,
                instructorName: instructor.name, start: command.start, end: command.end, venue: stored[0],
                branchVenues: Array(stored.dropFirst()), mode: course.mode, creditHours: course.creditHours,
                trainingClass: trainingClass.id, course: course.id, courseCode: course.code, module: course.module,
                organiser: trainingClass.organiser, instructorCode: instructor.code),
            in: db)
        return LessonBooked(lesson: lesson, warnings: try ClassWarnings.current(classID: trainingClass.id, in: db))
    }

    /// Refuses booking `instructor` when they already teach a lesson overlapping [start, end).
    static func requireFree(_ instructor: InstructorRecord, from start: WireTimestamp, to end: WireTimestamp, in db: Database) throws {
        guard let clash = try db.row(
            """
            SELECT l.start, l.end, c.name AS course, k.name AS class, p.number FROM lessons l
            JOIN courses c ON c.id = l.course_id JOIN periods p ON p.id = l.period_id JOIN classes k ON k.id = p.class_id
            WHERE l.instructor_id = ? AND l.start < ? AND l.end > ? LIMIT 1
            """, [StoredUUID.encode(instructor.id), end.microsecondsSinceEpoch, start.microsecondsSinceEpoch])
        else { return }
        let from = WireTimestamp(microsecondsSinceEpoch: clash["start"]), to = WireTimestamp(microsecondsSinceEpoch: clash["end"])
        throw EnrollmentError(
            "instructor.doubleBooked",
            "\(instructor.name) (\(instructor.code)) already teaches \(clash["course"] as String) in \(clash["class"] as String), period \(clash["number"] as Int64), from \(from) to \(to)")
    }
}

/// A lesson's venues: the main one first, then branch venues (live lessons only).
enum Venues {
    static func check(main: VenueSpec, branches: [VenueSpec], mode: LessonMode) throws -> [VenueSpec] {
        guard branches.isEmpty || mode == .live else {
            throw EnrollmentError("lesson.branchVenuesNotLive", "only a live lesson has branch venues; this course is \(mode)")
        }
        var codes: Set<String> = []
        return try ([main] + branches).map { venue in
            let code = try Identifier.code(venue.code, of: "venue")
            let name = try Identifier.name(venue.name, of: "venue \(code)")
            guard venue.capacity > 0 else {
                throw EnrollmentError("venue.invalidCapacity", "venue \(name) (\(code)) needs a capacity of at least 1")
            }
            guard codes.insert(code).inserted else {
                throw EnrollmentError("lesson.duplicateVenue", "venue code \(code) appears twice in the lesson")
            }
            return VenueSpec(code: code, name: name, capacity: venue.capacity)
        }
    }

    static func insert(_ venues: [VenueSpec], lesson: WireUUID, in db: Database) throws -> [Venue] {
        try venues.enumerated().map { index, spec in
            let venue = Venue(venue: .random(), name: spec.name, capacity: spec.capacity, code: spec.code)
            try db.run(
                "INSERT INTO lesson_venues (id, lesson_id, code, name, capacity, main) VALUES (?, ?, ?, ?, ?, ?)",
                [StoredUUID.encode(venue.venue), StoredUUID.encode(lesson), spec.code, spec.name, spec.capacity, index == 0])
            return venue
        }
    }
}
