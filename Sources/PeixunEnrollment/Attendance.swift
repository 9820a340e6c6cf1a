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
        let found = try Lookup.find(command, in: db)
        guard let lesson = found.lesson else { throw EnrollmentError("lesson.unknown", "lesson \(command.lesson) does not exist") }
        guard let member = found.member else {
            throw EnrollmentError("member.unknown", "member \(command.memberNumber) is not registered")
        }
        if let earlier = found.earlier {
            return CheckInRecorded(lesson: lesson.id, member: member.id, venue: earlier.venue, at: earlier.at, repeated: true)
        }
        guard let period = found.period else { throw EnrollmentError("period.unknown", "period \(lesson.period) does not exist") }
        if period.closed {
            throw EnrollmentError("period.closed", "period \(period.number) is closed; its attendance is final")
        }
        try requireSeated(member, status: found.status, in: period)
        try requireWindow(lesson, at: context.time, grace: settings.checkInGraceSeconds)
        if command.method == .qrCode {
            let codes = try CheckInCodes.load(window: settings.codeWindowSeconds, from: db)
            guard codes.accepts(command.code, lesson: lesson.id, at: context.time) else {
                throw EnrollmentError("checkin.invalidCode", "the check-in code \"\(command.code)\" is wrong or has expired")
            }
        }
        guard let venue = found.venue else { throw EnrollmentError("checkin.unknownVenue", "the lesson has no venue \(command.venueCode)") }
        let source = String(command.source.trimmingCharacters(in: .whitespaces).prefix(64))
        try db.perform(
            "INSERT INTO check_ins (lesson_id, member_id, venue_id, at, method, source) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .uuid(lesson.id), .uuid(member.id), .uuid(venue), .int(context.time.microsecondsSinceEpoch),
                .int(Int64(command.method.rawValue)), .text(source),
            ])
        try context.publish(
            CheckedIn(
                lesson: lesson.id, member: member.id, venue: venue, at: context.time, method: command.method,
                clockSkewSeconds: skew(command.deviceTime, context.time), period: period.id,
                trainingClass: period.trainingClass, memberNumber: member.number, source: source),
            in: db)
        return CheckInRecorded(lesson: lesson.id, member: member.id, venue: venue, at: context.time, repeated: false)
    }

    /// Only a member holding a seat in the lesson's period checks in (not the waitlist).
    /// `status` is the member's active enrollment's in the period (nil: none).
    static func requireSeated(_ member: MemberRecord, status: Int64?, in period: PeriodRecord) throws {
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

    /// Device clock minus server clock in whole seconds, saturated to 32 bits (0 when unknown).
    static func skew(_ device: WireTimestamp?, _ server: WireTimestamp) -> Int32 {
        guard let device else { return 0 }
        let seconds = (device.microsecondsSinceEpoch - server.microsecondsSinceEpoch) / 1_000_000
        return Int32(clamping: seconds)
    }
}
