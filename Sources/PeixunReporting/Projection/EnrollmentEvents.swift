import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// What reporting keeps of the enrollment events: the tree, the roster, plans, classes, periods,
/// lessons and venues, seats taken, check-ins, completions and refused duplicates.
enum EnrollmentEvents {
    /// Applies the event if it is one of enrollment's that reporting uses; false otherwise.
    static func apply(type: UInt16, _ bytes: UnsafeRawBufferPointer, at: Int64, in db: Database) throws -> Bool {
        switch type {
        case OrganisationRegistered.typeID: try organisation(OrganisationRegistered(decoding: bytes), at: at, in: db)
        case MemberRegistered.typeID: try member(MemberRegistered(decoding: bytes), at: at, in: db)
        case PlanFiled.typeID: try plan(PlanFiled(decoding: bytes), at: at, in: db)
        case ClassScheduled.typeID: try trainingClass(ClassScheduled(decoding: bytes), at: at, in: db)
        case LessonScheduled.typeID: try lesson(LessonScheduled(decoding: bytes), at: at, in: db)
        case MemberEnrolled.typeID:
            let enrolled = try MemberEnrolled(decoding: bytes)
            // A waitlist place is not a seat; the seat comes with WaitlistPromoted.
            if !enrolled.waitlisted { try seat(enrolled.enrollment, enrolled.member, enrolled.period, at: at, in: db) }
        case WaitlistPromoted.typeID:
            let promoted = try WaitlistPromoted(decoding: bytes)
            try seat(promoted.enrollment, promoted.member, promoted.period, at: at, in: db)
        case CheckedIn.typeID: try checkIn(CheckedIn(decoding: bytes), at: at, in: db)
        case PeriodCompleted.typeID: try completion(PeriodCompleted(decoding: bytes), at: at, in: db)
        case PeriodClosed.typeID:
            let closed = try PeriodClosed(decoding: bytes)
            try db.run("UPDATE periods SET closed_at = ? WHERE id = ?", [at, StoredUUID.encode(closed.period)])
        case DuplicateTrainingRefused.typeID: try duplicate(DuplicateTrainingRefused(decoding: bytes), at: at, in: db)
        case InstructorAdded.typeID: try instructor(InstructorAdded(decoding: bytes), at: at, in: db)
        case 1000...1999:
            // PlanAcknowledged, CourseAdded, EnrollmentCancelled and commands'
            // results: nothing in the reports depends on them (see docs/reporting.md).
            return true
        default: return false
        }
        return true
    }

    static func organisation(_ event: OrganisationRegistered, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO organisations (id, code, name, kind, parent_id, known_at) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.organisation), event.code, event.name, event.kind.rawValue,
             event.parent.map(StoredUUID.encode), at])
    }

    static func member(_ event: MemberRegistered, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO members (id, number, name, branch_id, secretary, known_at) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.member), event.memberNumber, event.name, StoredUUID.encode(event.branch),
             event.categories.contains(.branchSecretary), at])
    }

    static func plan(_ event: PlanFiled, at: Int64, in db: Database) throws {
        try db.run(
            """
            INSERT INTO plans (id, code, organisation_id, level, year, title, planned_classes, planned_periods,
                               planned_trainees, known_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.plan), event.code, StoredUUID.encode(event.organisation), event.level.rawValue, event.year,
             event.title, event.plannedClasses, event.plannedPeriods, event.plannedTrainees, at])
    }

    static func trainingClass(_ event: ClassScheduled, at: Int64, in db: Database) throws {
        try db.run(
            """
            INSERT INTO classes (id, code, name, organiser_id, plan_id, plan_status, for_secretaries, known_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.trainingClass), event.code, event.name, StoredUUID.encode(event.organiser),
             event.plan.map(StoredUUID.encode), event.planStatus.rawValue,
             event.targetCategories.contains(.branchSecretary), at])
        for period in event.periods {
            try db.run(
                "INSERT INTO periods (id, class_id, number, start, end) VALUES (?, ?, ?, ?, ?)",
                [StoredUUID.encode(period.period), StoredUUID.encode(event.trainingClass), period.number,
                 period.start.microsecondsSinceEpoch, period.end.microsecondsSinceEpoch])
        }
    }

    static func lesson(_ event: LessonScheduled, at: Int64, in db: Database) throws {
        try db.run(
            """
            INSERT INTO lessons (id, period_id, class_id, organiser_id, course_code, course_name, start, end, known_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.period), StoredUUID.encode(event.trainingClass),
             StoredUUID.encode(event.organiser), event.courseCode, event.courseName, event.start.microsecondsSinceEpoch,
             event.end.microsecondsSinceEpoch, at])
        // Position 0 is the main venue: the dashboard lists it first, then branch venues as scheduled.
        for (position, venue) in ([event.venue] + event.branchVenues).enumerated() {
            try db.run(
                "INSERT INTO venues (id, lesson_id, code, name, capacity, position) VALUES (?, ?, ?, ?, ?, ?)",
                [StoredUUID.encode(venue.venue), StoredUUID.encode(event.lesson), venue.code, venue.name, venue.capacity,
                 position])
        }
    }

    /// Instructors by id, for the names the dashboard's excellence leaders show.
    static func instructor(_ event: InstructorAdded, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO instructors (id, code, name, known_at) VALUES (?, ?, ?, ?)",
            [StoredUUID.encode(event.instructor), event.code, event.name, at])
    }

    static func seat(_ enrollment: WireUUID, _ member: WireUUID, _ period: WireUUID, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO seats (enrollment, member_id, period_id, known_at) VALUES (?, ?, ?, ?)",
            [StoredUUID.encode(enrollment), StoredUUID.encode(member), StoredUUID.encode(period), at])
    }

    static func checkIn(_ event: CheckedIn, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO check_ins (lesson_id, member_id, venue_id, at, source, known_at) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.member), StoredUUID.encode(event.venue),
             event.at.microsecondsSinceEpoch, event.source, at])
    }

    static func completion(_ event: PeriodCompleted, at: Int64, in db: Database) throws {
        try db.run(
            "INSERT INTO completions (member_id, period_id, class_id, year, known_at) VALUES (?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.member), StoredUUID.encode(event.period), StoredUUID.encode(event.trainingClass),
             event.year, at])
    }

    static func duplicate(_ event: DuplicateTrainingRefused, at: Int64, in db: Database) throws {
        try db.run(
            """
            INSERT INTO duplicates (member_id, class_id, course_name, earlier_class_name, earlier_school_name,
                                    earlier_completed_at, known_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(event.member), StoredUUID.encode(event.trainingClass), event.courseName,
             event.earlierClassName, event.earlierSchoolName, event.earlierCompletedAt.microsecondsSinceEpoch, at])
    }
}
