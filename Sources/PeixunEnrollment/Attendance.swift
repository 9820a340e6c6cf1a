import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Check-ins: one per member per lesson, by an enrolled member, within the lesson's time plus
/// the grace, at one of its venues; with the method `qrCode`, the lesson's current signed code.
/// A second check-in changes nothing and answers the first one (`repeated`).
enum Attendance {
    static func checkIn(
        _ command: CheckIn, settings: EnrollmentSettings, context: CommandContext, in db: Database
    ) throws -> CheckInRecorded {
        let lesson = try LessonRecord.find(id: command.lesson, in: db)
        let member = try MemberRecord.find(number: command.memberNumber, in: db)
        let lessonID = StoredUUID.encode(lesson.id), memberID = StoredUUID.encode(member.id)
        if let earlier = try db.row("SELECT venue_id, at FROM check_ins WHERE lesson_id = ? AND member_id = ?", [lessonID, memberID]) {
            return CheckInRecorded(
                lesson: lesson.id, member: member.id, venue: try StoredUUID.decode(earlier["venue_id"]),
                at: WireTimestamp(microsecondsSinceEpoch: earlier["at"]), repeated: true)
        }
        let period = try PeriodRecord.find(id: lesson.period, in: db)
        if period.closed {
            throw EnrollmentError("period.closed", "period \(period.number) is closed; its attendance is final")
        }
        try requireSeated(member, in: period, in: db)
        try requireWindow(lesson, at: context.time, grace: settings.checkInGraceSeconds)
        if command.method == .qrCode {
            let codes = try CheckInCodes.load(window: settings.codeWindowSeconds, from: db)
            guard codes.accepts(command.code, lesson: lesson.id, at: context.time) else {
                throw EnrollmentError("checkin.invalidCode", "the check-in code \"\(command.code)\" is wrong or has expired")
            }
        }
        let venue = try self.venue(command.venueCode, of: lesson, in: db)
        let source = String(command.source.trimmingCharacters(in: .whitespaces).prefix(64))
        try db.run(
            "INSERT INTO check_ins (lesson_id, member_id, venue_id, at, method, source) VALUES (?, ?, ?, ?, ?, ?)",
            [lessonID, memberID, StoredUUID.encode(venue), context.time.microsecondsSinceEpoch, command.method.rawValue, source])
        try context.publish(
            CheckedIn(
                lesson: lesson.id, member: member.id, venue: venue, at: context.time, method: command.method,
                clockSkewSeconds: skew(command.deviceTime, context.time), period: period.id,
                trainingClass: period.trainingClass, memberNumber: member.number, source: source),
            in: db)
        return CheckInRecorded(lesson: lesson.id, member: member.id, venue: venue, at: context.time, repeated: false)
    }

    /// Only a member holding a seat in the lesson's period checks in (not the waitlist).
    static func requireSeated(_ member: MemberRecord, in period: PeriodRecord, in db: Database) throws {
        let status = try db.row(
            "SELECT status FROM enrollments WHERE member_id = ? AND period_id = ? AND status IN (1, 2)",
            [StoredUUID.encode(member.id), StoredUUID.encode(period.id)])?["status"] as Int64?
        guard status == Enrollments.enrolled else {
            let why = status == Enrollments.waitlisted ? "is on the waitlist of" : "is not enrolled in"
            throw EnrollmentError("checkin.notEnrolled", "\(member.name) (\(member.number)) \(why) the lesson's period \(period.number)")
        }
    }

    /// Refuses a check-in before `start - grace` or after `end + grace` (fake training: 虚训).
    static func requireWindow(_ lesson: LessonRecord, at time: WireTimestamp, grace: Int64) throws {
        let opens = WireTimestamp(microsecondsSinceEpoch: lesson.start.microsecondsSinceEpoch - grace * 1_000_000)
        let closes = WireTimestamp(microsecondsSinceEpoch: lesson.end.microsecondsSinceEpoch + grace * 1_000_000)
        guard opens <= time, time <= closes else {
            throw EnrollmentError("checkin.outsideWindow", "check-in at \(time) is outside the lesson's window \(opens) – \(closes)")
        }
    }

    /// The venue named by `code` (the main venue when empty).
    static func venue(_ code: String, of lesson: LessonRecord, in db: Database) throws -> WireUUID {
        let row = code.isEmpty
            ? try db.row("SELECT id FROM lesson_venues WHERE lesson_id = ? AND main = 1", [StoredUUID.encode(lesson.id)])
            : try db.row("SELECT id FROM lesson_venues WHERE lesson_id = ? AND code = ?", [StoredUUID.encode(lesson.id), code])
        guard let row else { throw EnrollmentError("checkin.unknownVenue", "the lesson has no venue \(code)") }
        return try StoredUUID.decode(row["id"])
    }

    /// Device clock minus server clock in whole seconds, saturated to 32 bits (0 when unknown).
    static func skew(_ device: WireTimestamp?, _ server: WireTimestamp) -> Int32 {
        guard let device else { return 0 }
        let seconds = (device.microsecondsSinceEpoch - server.microsecondsSinceEpoch) / 1_000_000
        return Int32(clamping: seconds)
    }
}
