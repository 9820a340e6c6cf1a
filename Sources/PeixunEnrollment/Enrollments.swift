import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Enrollment of members into periods: eligibility, no overlapping periods, no duplicate
/// training, capacity with a waitlist promoted in order when a seat is freed.
enum Enrollments {
    static let enrolled = Int64(EnrollmentStatus.enrolled.rawValue)
    static let waitlisted = Int64(EnrollmentStatus.waitlisted.rawValue)
    static let cancelled = Int64(EnrollmentStatus.cancelled.rawValue)

    static func enroll(_ command: Enroll, context: CommandContext, in db: Database) throws -> CommandOutcome {
        let found = try Lookup.find(command, in: db)
        guard let member = found.member else {
            throw EnrollmentError("member.unknown", "member \(command.memberNumber) is not registered")
        }
        guard let trainingClass = found.trainingClass else {
            throw EnrollmentError("class.unknown", "class \(command.classCode) does not exist")
        }
        guard let period = found.period else {
            throw EnrollmentError(
                "period.unknown", "class \(trainingClass.name) (\(trainingClass.code)) has no period \(command.periodNumber)")
        }
        try period.requireOpen(trainingClass)
        try requireEligible(member, for: trainingClass)
        if found.alreadyActive {
            throw EnrollmentError(
                "enrollment.alreadyEnrolled", "\(member.name) (\(member.number)) is already enrolled in period \(period.number) of \(trainingClass.name)")
        }
        if found.overlaps { try requireNoOverlap(member, with: period, in: db) }
        if found.mayDuplicate, let duplicate = try DuplicateTraining.find(member, period: period, trainingClass: trainingClass, in: db) {
            // Refused, and published: reporting counts the duplicate training that was prevented.
            try context.publish(duplicate.event, in: db)
            return .rejected(code: "enrollment.duplicateTraining", message: duplicate.message)
        }
        let free = lowestFreeSeat(next: found.nextSeat, freed: found.freedSeat)
        let event = try insert(member, into: period, of: trainingClass, freeSeat: free, context: context, in: db)
        try context.publish(event, in: db)
        return .accepted(result: try event.encoded())
    }

    static func requireEligible(_ member: MemberRecord, for trainingClass: ClassRecord) throws {
        let targets = trainingClass.targetCategories
        guard targets.isEmpty || !Set(targets).isDisjoint(with: member.categories) else {
            throw EnrollmentError(
                "enrollment.notEligible",
                "\(member.name) (\(member.number)) is not in the target group of \(trainingClass.name) (\(targets.map { "\($0)" }.joined(separator: ", ")))")
        }
    }

    /// The member's enrolled or waitlisted enrollment in `period`: its id, status and seat.
    static func active(member: WireUUID, period: WireUUID, in db: Database) throws -> Row? {
        try db.row(
            "SELECT id, status, seat FROM enrollments WHERE member_id = ? AND period_id = ? AND status IN (1, 2)",
            [StoredUUID.encode(member), StoredUUID.encode(period)])
    }

    /// Refuses a second active enrollment in a period whose dates overlap `period`'s.
    static func requireNoOverlap(_ member: MemberRecord, with period: PeriodRecord, in db: Database) throws {
        let other = try db.first(
            """
            SELECT k.name, p.number, p.start, p.end FROM enrollments e
            JOIN periods p ON p.id = e.period_id JOIN classes k ON k.id = p.class_id
            WHERE e.member_id = ? AND e.status IN (1, 2) AND p.start < ? AND p.end > ? AND p.id != ? LIMIT 1
            """,
            [.uuid(member.id), .int(period.end.microsecondsSinceEpoch), .int(period.start.microsecondsSinceEpoch), .uuid(period.id)]
        ) { row in
            (name: row.text(0), number: row.int(1), start: WireTimestamp(microsecondsSinceEpoch: row.int(2)),
             end: WireTimestamp(microsecondsSinceEpoch: row.int(3)))
        }
        guard let other else { return }
        throw EnrollmentError(
            "enrollment.overlappingPeriod",
            "\(member.name) (\(member.number)) is already enrolled in period \(other.number) of \(other.name), which overlaps (\(other.start) – \(other.end))")
    }

    /// Records the enrollment: a seat if one is free, else the end of the waitlist.
    static func insert(
        _ member: MemberRecord, into period: PeriodRecord, of trainingClass: ClassRecord, freeSeat free: Int, context: CommandContext,
        in db: Database
    ) throws -> MemberEnrolled {
        // Seats are 1…capacity and never shared, so the period is full exactly when its lowest
        // free seat (`lowestFreeSeat`) is past the capacity (the same as counting the seated,
        // without the count).
        let full = free > period.capacity
        let seat = full
            ? try db.int("SELECT count(*) FROM enrollments WHERE period_id = ? AND status = 2", [StoredUUID.encode(period.id)]) + 1
            : free
        let id = WireUUID.timeOrdered(at: context.time)
        try db.perform(
            "INSERT INTO enrollments (id, member_id, period_id, status, seat, queue, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .uuid(id), .uuid(member.id), .uuid(period.id), .int(full ? waitlisted : enrolled), .int(Int64(full ? 0 : seat)),
                .int(context.time.microsecondsSinceEpoch), .int(context.time.microsecondsSinceEpoch),
            ])
        return MemberEnrolled(
            enrollment: id, member: member.id, period: period.id, trainingClass: trainingClass.id, organisation: member.branch,
            memberName: member.name, className: trainingClass.name, enrolledAt: context.time, seat: UInt32(seat),
            waitlisted: full, categories: member.categories, memberNumber: member.number, periodNumber: period.number)
    }

    /// The lowest seat number no enrolled member holds (seats freed by cancellations are reused).
    ///
    /// Without counting or listing the seated members: that costs a step per member, so filling a
    /// period of n seats cost O(n²) (a period of 10,000 took 45 s; BENCHMARKS.md, part d). Seats
    /// are handed out lowest first, so every seat below the highest one held was held once, and
    /// one that is free now was freed by a cancellation, whose row keeps the seat number. So the
    /// lowest free seat is the lowest cancelled seat nobody holds again, or the highest held + 1:
    /// index lookups (`enrollments_by_seat`) and a step per cancelled seat.
    ///
    /// `next` is the highest seat held + 1, `freed` the lowest cancelled seat nobody holds
    /// again (0 if none); both are read by the `Enroll` lookup (`Enrollments.Lookup`).
    static func lowestFreeSeat(next: Int, freed: Int) -> Int {
        freed > 0 ? min(freed, next) : next
    }

    static func cancel(_ command: CancelEnrollment, context: CommandContext, in db: Database) throws -> EnrollmentCancellation {
        let member = try MemberRecord.find(number: command.memberNumber, in: db)
        let trainingClass = try ClassRecord.find(code: command.classCode, in: db)
        let period = try PeriodRecord.find(trainingClass, number: command.periodNumber, in: db)
        try period.requireOpen(trainingClass)
        guard let enrollment = try active(member: member.id, period: period.id, in: db) else {
            throw EnrollmentError(
                "enrollment.notEnrolled", "\(member.name) (\(member.number)) is not enrolled in period \(period.number) of \(trainingClass.name)")
        }
        let id = try StoredUUID.decode(enrollment["id"])
        let wasWaitlisted = enrollment["status"] as Int64 == waitlisted
        try db.run("UPDATE enrollments SET status = 3 WHERE id = ?", [StoredUUID.encode(id)])
        try context.publish(
            EnrollmentCancelled(
                enrollment: id, member: member.id, period: period.id, trainingClass: trainingClass.id,
                wasWaitlisted: wasWaitlisted, reason: command.reason, memberNumber: member.number),
            in: db)
        let promoted = wasWaitlisted ? nil : try promoteNext(into: enrollment["seat"], of: period, trainingClass, context: context, in: db)
        return EnrollmentCancellation(enrollment: id, promotedMemberNumber: promoted)
    }

    /// Gives `seat` to the first member of the waitlist, if any; returns their member number.
    static func promoteNext(
        into seat: Int, of period: PeriodRecord, _ trainingClass: ClassRecord, context: CommandContext, in db: Database
    ) throws -> String? {
        guard let next = try db.row(
            """
            SELECT e.id, m.id AS member, m.number, m.name FROM enrollments e JOIN members m ON m.id = e.member_id
            WHERE e.period_id = ? AND e.status = 2 ORDER BY e.queue, e.rowid LIMIT 1
            """, [StoredUUID.encode(period.id)])
        else { return nil }
        try db.run("UPDATE enrollments SET status = 1, seat = ? WHERE id = ?", [seat, next["id"] as Data])
        try context.publish(
            WaitlistPromoted(
                enrollment: try StoredUUID.decode(next["id"]), member: try StoredUUID.decode(next["member"]), period: period.id,
                trainingClass: trainingClass.id, seat: UInt32(seat), memberNumber: next["number"], memberName: next["name"]),
            in: db)
        return next["number"]
    }
}
