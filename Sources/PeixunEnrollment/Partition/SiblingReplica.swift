public import GRDB
import Foundation
import PeixunCodec
import PeixunMessages
public import PeixunRuntime
import PeixunStore

/// What a partition of a split enrollment learns from its siblings' streams: their rows, in its
/// own tables, exactly as the sibling wrote them (same ids, same values), so that its rules see
/// the whole tree, every member, the catalogue, every lesson (instructor bookings), every
/// enrollment (overlapping periods) and every completion (duplicate training), and any partition
/// can answer any query.
///
/// Each event's effect is the same row change its command made in the sibling's store (the
/// events carry everything those rows hold). Plain inserts: every uniqueness rule is decided in
/// one partition (a row is keyed by the code that makes it unique), so a conflict here means the
/// partitions disagree about their keys, and the subscriber stops on it, loudly, rather than
/// keep a diverged copy.
public struct SiblingReplica: Projection {
    public init() {}

    public func apply(_ event: ReceivedEvent, in db: Database) throws {
        let payload = event.payload
        let time = event.envelope.time
        switch event.envelope.eventType {
        case OrganisationRegistered.typeID: try Self.organisation(OrganisationRegistered(decoding: payload), in: db)
        case MemberRegistered.typeID: try Self.member(MemberRegistered(decoding: payload), in: db)
        case CourseAdded.typeID: try Self.course(CourseAdded(decoding: payload), in: db)
        case InstructorAdded.typeID: try Self.instructor(InstructorAdded(decoding: payload), in: db)
        case PlanFiled.typeID: try Self.plan(PlanFiled(decoding: payload), in: db)
        case PlanAcknowledged.typeID: try Self.acknowledged(PlanAcknowledged(decoding: payload), at: time, in: db)
        case ClassScheduled.typeID: try Self.trainingClass(ClassScheduled(decoding: payload), in: db)
        case LessonScheduled.typeID: try Self.lesson(LessonScheduled(decoding: payload), in: db)
        case MemberEnrolled.typeID: try Self.enrolled(MemberEnrolled(decoding: payload), in: db)
        case EnrollmentCancelled.typeID:
            try db.run("UPDATE enrollments SET status = 3 WHERE id = ?", [StoredUUID.encode(EnrollmentCancelled(decoding: payload).enrollment)])
        case WaitlistPromoted.typeID:
            let promoted = try WaitlistPromoted(decoding: payload)
            try db.run("UPDATE enrollments SET status = 1, seat = ? WHERE id = ?", [promoted.seat, StoredUUID.encode(promoted.enrollment)])
        case CheckedIn.typeID: try Self.checkedIn(CheckedIn(decoding: payload), in: db)
        case PeriodCompleted.typeID: try Self.completed(PeriodCompleted(decoding: payload), at: time, in: db)
        case PeriodClosed.typeID: try Self.closed(PeriodClosed(decoding: payload), in: db)
        default: break  // DuplicateTrainingRefused and the like change no row
        }
    }

    static func organisation(_ event: OrganisationRegistered, in db: Database) throws {
        try db.run(
            "INSERT INTO organisations (id, code, name, kind, parent_id) VALUES (?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.organisation), event.code, event.name, Int64(event.kind.rawValue), event.parent.map(StoredUUID.encode)])
    }

    static func member(_ event: MemberRegistered, in db: Database) throws {
        // The roster's "not given" joining date travels as the epoch.
        let joined = event.joinedParty == .epoch ? nil : event.joinedParty.microsecondsSinceEpoch
        try db.run(
            "INSERT INTO members (id, number, name, branch_id, categories, joined) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.member), event.memberNumber, event.name, StoredUUID.encode(event.branch),
             StoredCategories.encode(event.categories), joined])
    }

    static func course(_ event: CourseAdded, in db: Database) throws {
        try db.run(
            "INSERT INTO courses (id, code, name, module, credit_hours, mode) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.course), event.code, event.name, event.module.rawValue, event.creditHours, event.mode.rawValue])
    }

    static func instructor(_ event: InstructorAdded, in db: Database) throws {
        try db.run(
            "INSERT INTO instructors (id, code, name, kind, organisation_id) VALUES (?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.instructor), event.code, event.name, event.kind.rawValue, StoredUUID.encode(event.organisation)])
    }

    static func plan(_ event: PlanFiled, in db: Database) throws {
        try db.run(
            """
            INSERT INTO plans (id, code, organisation_id, superior_id, level, year, title, planned_classes, planned_periods,
                               planned_trainees)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.plan), event.code, StoredUUID.encode(event.organisation), event.superior.map(StoredUUID.encode),
             event.level.rawValue, event.year, event.title, event.plannedClasses, event.plannedPeriods, event.plannedTrainees])
    }

    static func acknowledged(_ event: PlanAcknowledged, at time: WireTimestamp, in db: Database) throws {
        try db.run(
            "UPDATE plans SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?",
            [StoredUUID.encode(event.acknowledgedBy), time.microsecondsSinceEpoch, StoredUUID.encode(event.plan)])
    }

    static func trainingClass(_ event: ClassScheduled, in db: Database) throws {
        try db.run(
            """
            INSERT INTO classes (id, code, name, organiser_id, plan_id, target_categories, completion_percent, exam_pass_mark)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.trainingClass), event.code, event.name, StoredUUID.encode(event.organiser),
             event.plan.map(StoredUUID.encode), StoredCategories.encode(event.targetCategories), event.completionPercent,
             event.examPassMark])
        for period in event.periods {
            try db.run(
                "INSERT INTO periods (id, class_id, number, start, end, capacity) VALUES (?, ?, ?, ?, ?, ?)",
                [StoredUUID.encode(period.period), StoredUUID.encode(event.trainingClass), period.number,
                 period.start.microsecondsSinceEpoch, period.end.microsecondsSinceEpoch, period.capacity])
        }
    }

    static func lesson(_ event: LessonScheduled, in db: Database) throws {
        try db.run(
            "INSERT INTO lessons (id, period_id, course_id, instructor_id, start, end) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.period), StoredUUID.encode(event.course),
             StoredUUID.encode(event.instructor), event.start.microsecondsSinceEpoch, event.end.microsecondsSinceEpoch])
        for (index, venue) in ([event.venue] + event.branchVenues).enumerated() {
            try db.run(
                "INSERT INTO lesson_venues (id, lesson_id, code, name, capacity, main) VALUES (?, ?, ?, ?, ?, ?)",
                [StoredUUID.encode(venue.venue), StoredUUID.encode(event.lesson), venue.code, venue.name, venue.capacity, index == 0])
        }
    }

    static func enrolled(_ event: MemberEnrolled, in db: Database) throws {
        // A waitlisted enrollment holds no seat (its event gives its place in the queue instead);
        // the queue is the enrollment time.
        try db.run(
            "INSERT INTO enrollments (id, member_id, period_id, status, seat, queue, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.enrollment), StoredUUID.encode(event.member), StoredUUID.encode(event.period),
             event.waitlisted ? EnrollmentStatus.waitlisted.rawValue : EnrollmentStatus.enrolled.rawValue,
             event.waitlisted ? 0 : event.seat, event.enrolledAt.microsecondsSinceEpoch, event.enrolledAt.microsecondsSinceEpoch])
    }

    static func checkedIn(_ event: CheckedIn, in db: Database) throws {
        try db.run(
            "INSERT INTO check_ins (lesson_id, member_id, venue_id, at, method, source) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.member), StoredUUID.encode(event.venue),
             event.at.microsecondsSinceEpoch, event.method.rawValue, event.source])
    }

    static func completed(_ event: PeriodCompleted, at time: WireTimestamp, in db: Database) throws {
        let (member, period) = (StoredUUID.encode(event.member), StoredUUID.encode(event.period))
        try db.run(
            "UPDATE enrollments SET status = 4, credit_hours = ? WHERE member_id = ? AND period_id = ? AND status = 1",
            [event.creditHours, member, period])
        for course in event.courses {
            try db.run(
                "INSERT INTO completed_courses (member_id, course_id, year, period_id, completed_at) VALUES (?, ?, ?, ?, ?)",
                [member, StoredUUID.encode(course), event.year, period, time.microsecondsSinceEpoch])
        }
    }

    /// The members still seated when the period closed did not complete it (their completions came first).
    static func closed(_ event: PeriodClosed, in db: Database) throws {
        let period = StoredUUID.encode(event.period)
        try db.run("UPDATE enrollments SET status = 5, credit_hours = 0 WHERE period_id = ? AND status = 1", [period])
        try db.run("UPDATE periods SET closed = 1 WHERE id = ?", [period])
    }
}
