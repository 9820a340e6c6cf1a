import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// Check-ins to lessons.
@Suite("Attendance")
struct AttendanceTests {
    /// A live lesson Monday 09:00–11:00 with a branch venue; GD-0001 and GD-0002 seated, GD-0003 waitlisted.
    static func world() throws -> (EnrollmentFixture, WireUUID) {
        let fixture = try EnrollmentFixture()
        try fixture.makeWorld()
        try fixture.scheduleClass("C-1", periods: [Training.period(days: 0, 2, capacity: 2)])
        let lesson = try fixture.lesson(
            "C-1", course: "LV-01", start: Training.day(0), branches: [VenueSpec(code: "XL-1", name: "小榄镇分会场", capacity: 80)]).lesson
        for member in ["GD-0001", "GD-0002", "GD-0003"] { try fixture.enroll(member, in: "C-1") }
        return (fixture, lesson)
    }

    static func code(_ fixture: EnrollmentFixture, _ lesson: WireUUID, at time: WireTimestamp) throws -> String {
        try fixture.store.read { db in try CheckInCodes.load(from: db).current(lesson: lesson, at: time).code }
    }

    @Test("a check-in with the lesson's current code is recorded and published with its venue and method")
    func withCode() throws {
        let (fixture, lesson) = try Self.world()
        let now = Training.day(0, hour: 0.1)
        let code = try Self.code(fixture, lesson, at: now)
        let recorded = try fixture.accept(
            CheckIn(
                lesson: lesson, memberNumber: "GD-0001", method: .qrCode, code: code, deviceTime: Training.at(now, plusHours: -0.01),
                source: "kiosk-DX-101"),
            as: CheckInRecorded.self, at: now)
        #expect(!recorded.repeated && recorded.at == now)
        let event = try #require(fixture.events(CheckedIn.self).first)
        #expect(event.member == recorded.member && event.method == .qrCode && event.memberNumber == "GD-0001")
        #expect(event.clockSkewSeconds == -36 && event.source == "kiosk-DX-101")
    }

    @Test("a wrong code, or one from two windows ago, is refused", arguments: [false, true])
    func badCode(expired: Bool) throws {
        let (fixture, lesson) = try Self.world()
        let now = Training.day(0, hour: 0.5)
        let code = expired ? try Self.code(fixture, lesson, at: Training.at(now, plusHours: -61.0 / 3600)) : "12345678"
        let refusal = try fixture.rejection(CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .qrCode, code: code), at: now)
        #expect(refusal.code == "checkin.invalidCode")
        #expect(try fixture.count("check_ins") == 0)
    }

    @Test("check-ins outside the lesson's time plus the grace are refused; inside the grace they count", arguments: [
        (-16.0, false), (-14.0, true), (134.0, true), (136.0, false),
    ])
    func window(minutesFromStart: Double, accepted: Bool) throws {
        let (fixture, lesson) = try Self.world()
        let at = Training.at(Training.day(0), plusHours: minutesFromStart / 60)
        let command = CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .roster)
        if accepted {
            #expect(try !fixture.accept(command, as: CheckInRecorded.self, at: at).repeated)
        } else {
            #expect(try fixture.rejection(command, at: at).code == "checkin.outsideWindow")
            #expect(try fixture.count("check_ins") == 0)
        }
    }

    @Test("a second check-in changes nothing and answers the first")
    func idempotent() throws {
        let (fixture, lesson) = try Self.world()
        let first = try fixture.accept(CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .roster), as: CheckInRecorded.self)
        let head = try fixture.head
        let second = try fixture.accept(
            CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .liveStream, venueCode: "XL-1"), as: CheckInRecorded.self,
            at: Training.day(0, hour: 1))
        #expect(second.repeated && second.at == first.at && second.venue == first.venue)
        #expect(try fixture.head == head, "no second event")
        #expect(try fixture.count("check_ins") == 1)
    }

    @Test("only members holding a seat check in; the waitlist and strangers are refused")
    func seatedOnly() throws {
        let (fixture, lesson) = try Self.world()
        let waitlisted = try fixture.rejection(CheckIn(lesson: lesson, memberNumber: "GD-0003", method: .roster))
        #expect(waitlisted.code == "checkin.notEnrolled" && waitlisted.message.contains("waitlist"))
        #expect(try fixture.rejection(CheckIn(lesson: lesson, memberNumber: "GD-0005", method: .roster)).code == "checkin.notEnrolled")
        #expect(try fixture.rejection(CheckIn(lesson: .random(), memberNumber: "GD-0001", method: .roster)).code == "lesson.unknown")
    }

    @Test("check-ins are counted per venue of a live lesson; an unknown venue is refused")
    func venues() throws {
        let (fixture, lesson) = try Self.world()
        let main = try fixture.accept(CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .roster), as: CheckInRecorded.self)
        let branch = try fixture.accept(
            CheckIn(lesson: lesson, memberNumber: "GD-0002", method: .liveStream, venueCode: "XL-1"), as: CheckInRecorded.self)
        #expect(main.venue != branch.venue)
        let scheduled = try #require(fixture.events(LessonScheduled.self).first)
        #expect(main.venue == scheduled.venue.venue && branch.venue == scheduled.branchVenues[0].venue)
        let counts = try fixture.store.read { db in
            try Int.fetchAll(db, sql: "SELECT count(c.member_id) FROM lesson_venues v LEFT JOIN check_ins c ON c.venue_id = v.id GROUP BY v.id ORDER BY v.main DESC")
        }
        #expect(counts == [1, 1])
        // GD-0003 is promoted when GD-0002 cancels, but names a venue the lesson does not have.
        _ = try fixture.accept(CancelEnrollment(memberNumber: "GD-0002", classCode: "C-1", periodNumber: 1), as: EnrollmentCancellation.self)
        #expect(try fixture.rejection(CheckIn(lesson: lesson, memberNumber: "GD-0003", method: .roster, venueCode: "NOPE")).code == "checkin.unknownVenue")
    }
}

/// The rotating, signed check-in codes.
@Suite("Check-in codes")
struct CheckInCodeTests {
    let codes = CheckInCodes(key: Array(repeating: 7, count: 32), window: 30)
    let lesson = WireUUID(high: 1, low: 2)
    let time = Training.monday

    @Test("a code is 8 digits, valid in its window and the next, not after")
    func validity() {
        let current = codes.current(lesson: lesson, at: time)
        #expect(current.code.count == 8 && current.code.allSatisfy(\.isNumber))
        #expect(current.validUntil.microsecondsSinceEpoch - current.validFrom.microsecondsSinceEpoch == 60_000_000)
        #expect(codes.accepts(current.code, lesson: lesson, at: time))
        #expect(codes.accepts(current.code, lesson: lesson, at: WireTimestamp(microsecondsSinceEpoch: current.validUntil.microsecondsSinceEpoch - 1)))
        #expect(!codes.accepts(current.code, lesson: lesson, at: current.validUntil))
    }

    @Test("codes differ between lessons, windows and keys")
    func differ() {
        let here = codes.current(lesson: lesson, at: time).code
        #expect(codes.current(lesson: WireUUID(high: 1, low: 3), at: time).code != here)
        #expect(codes.current(lesson: lesson, at: WireTimestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + 30_000_000)).code != here)
        #expect(CheckInCodes(key: Array(repeating: 8, count: 32)).current(lesson: lesson, at: time).code != here)
    }

    @Test("each store makes its own key when it is created")
    func ownKey() throws {
        let one = try EnrollmentFixture(), two = try EnrollmentFixture()
        let a = try one.store.read { db in try CheckInCodes.load(from: db).current(lesson: lesson, at: time).code }
        let b = try two.store.read { db in try CheckInCodes.load(from: db).current(lesson: lesson, at: time).code }
        #expect(a != b)
    }
}
