import PeixunCodec
import PeixunDashboard
import PeixunMessages
import Testing

/// The dashboard's state: reporting's snapshot at its cursors, then live events by sequence
/// (docs/reporting.md "Combining the snapshot and live events").
@Suite("Dashboard state: a snapshot plus live events by sequence")
struct DashboardStateTests {
    static let enrollment = StreamID(service: "enrollment", partition: 0)
    static let scoring = StreamID(service: "scoring", partition: 0)
    static let branch = WireUUID(high: 1, low: 1)
    static let elsewhere = WireUUID(high: 9, low: 9)
    static let lesson = WireUUID(high: 2, low: 2)
    static let mainVenue = WireUUID(high: 3, low: 1)
    static let branchVenue = WireUUID(high: 3, low: 2)
    static let instructor = WireUUID(high: 4, low: 4)
    /// 2026-03-02 00:00 China time, and 09:30:20 that day.
    static let dayStart = WireTimestamp(microsecondsSinceEpoch: 1_772_380_800_000_000)
    static let nineThirty = WireTimestamp(microsecondsSinceEpoch: 1_772_380_800_000_000 + (9 * 3600 + 30 * 60 + 20) * 1_000_000)

    /// A snapshot at enrollment/0 = 10 and scoring/0 = 4: one lesson with two venues (3 and 1
    /// checked in), one leader, 7 enrollments.
    static func snapshot() -> DashboardView {
        DashboardView(
            organisationCode: "442000", day: "2026-03-02", dayStart: dayStart,
            dayEnd: WireTimestamp(microsecondsSinceEpoch: dayStart.microsecondsSinceEpoch + 86_400_000_000),
            cursors: [DashboardCursor(stream: enrollment, appliedThrough: 10), DashboardCursor(stream: scoring, appliedThrough: 4)],
            lessons: [
                DashboardLesson(
                    lesson: lesson, classCode: "DX-01", venues: [
                        DashboardVenue(venue: mainVenue, code: "DX-101", capacity: 120, checkedIn: 3),
                        DashboardVenue(venue: branchVenue, code: "XL-A", capacity: 80, checkedIn: 1),
                    ])
            ],
            enrollments: 7,
            instructors: [DashboardInstructor(instructor: instructor, name: "李娜", scores: 6, raters: 5, excellent: 3, excellenceRate: 0.5)],
            organisations: [branch])
    }

    static func event(_ stream: StreamID, _ sequence: UInt64, _ message: any WireMessage) -> LiveEvent {
        LiveEvent(envelope: Envelope(stream: stream, sequence: sequence, time: nineThirty), message: message)
    }

    /// An event of enrollment/0.
    static func event(_ sequence: UInt64, _ message: any WireMessage) -> LiveEvent {
        event(enrollment, sequence, message)
    }

    static func checkIn(at venue: WireUUID = mainVenue) -> CheckedIn {
        CheckedIn(lesson: lesson, venue: venue, method: .qrCode)
    }

    @Test("a check-in after the cursor counts at its venue and in its minute")
    func checkInCounts() {
        var state = DashboardState(view: Self.snapshot())
        #expect(state.apply(Self.event(11, Self.checkIn(at: Self.branchVenue))) == .applied(changed: true))
        #expect(state.view.lessons[0].venues.map(\.checkedIn) == [3, 2])
        #expect(state.view.checkInsPerMinute.map(\.checkIns) == [1])
        #expect(state.view.checkInsPerMinute.first?.minute.microsecondsSinceEpoch == Self.nineThirty.microsecondsSinceEpoch - 20_000_000)
        #expect(state.applied[Self.enrollment] == 11)
        #expect(state.version == 1)
    }

    @Test("events at or below the snapshot's cursor were already counted: dropped")
    func oldEventsDropped() {
        var state = DashboardState(view: Self.snapshot())
        #expect(state.apply(Self.event(10, Self.checkIn())) == .alreadyCounted)
        #expect(state.apply(Self.event(3, Self.checkIn())) == .alreadyCounted)
        #expect(state.apply(Self.event(11, Self.checkIn())) == .applied(changed: true))
        #expect(state.apply(Self.event(11, Self.checkIn())) == .alreadyCounted, "the same event twice counts once")
        #expect(state.view.lessons[0].venues[0].checkedIn == 4)
    }

    @Test("a gap is not applied, leaves the cursor and asks for a new snapshot")
    func gapAsksSnapshot() {
        var state = DashboardState(view: Self.snapshot())
        #expect(state.apply(Self.event(13, Self.checkIn())) == .gap(expected: 11, got: 13))
        #expect(state.applied[Self.enrollment] == 10)
        #expect(state.view.lessons[0].venues[0].checkedIn == 3)
        #expect(state.wantsSnapshot)
    }

    @Test("each stream has its own cursor")
    func streamsIndependent() {
        var state = DashboardState(view: Self.snapshot())
        let score = ScoreRecorded(instructor: Self.instructor, organiser: Self.branch, excellent: true)
        #expect(state.apply(Self.event(Self.scoring, 5, score)) == .applied(changed: true))
        #expect(state.apply(Self.event(Self.scoring, 4, score)) == .alreadyCounted)
        #expect(state.view.instructors[0].scores == 7)
        #expect(state.view.instructors[0].excellent == 4)
        #expect(state.applied[Self.enrollment] == 10)
    }

    @Test("enrollments count only seats (not waitlist places) of branches in scope")
    func enrollmentsInScope() {
        var state = DashboardState(view: Self.snapshot())
        _ = state.apply(Self.event(11, MemberEnrolled(organisation: Self.branch)))
        _ = state.apply(Self.event(12, MemberEnrolled(organisation: Self.branch, waitlisted: true)))
        #expect(state.apply(Self.event(13, MemberEnrolled(organisation: Self.elsewhere))) == .applied(changed: false))
        #expect(state.view.enrollments == 8)
        #expect(state.applied[Self.enrollment] == 13)
    }

    @Test("a check-in at another lesson advances the cursor and changes nothing")
    func otherLesson() {
        var state = DashboardState(view: Self.snapshot())
        #expect(state.apply(Self.event(11, CheckedIn(lesson: Self.elsewhere, venue: Self.mainVenue, method: .qrCode))) == .applied(changed: false))
        #expect(state.version == 0)
    }

    @Test("events the view cannot work out by itself ask for a new snapshot; asking clears it")
    func snapshotWanted() {
        var state = DashboardState(view: Self.snapshot())
        #expect(!state.wantsSnapshot)
        _ = state.apply(Self.event(11, PeriodCompleted()))
        #expect(state.wantsSnapshot)
        state.snapshotAsked()
        #expect(!state.wantsSnapshot)
    }

    @Test("a new snapshot behind the live events is brought forward by them; the version moves only if the figures differ")
    func newSnapshotSettles() {
        var live = DashboardState(view: Self.snapshot())
        _ = live.apply(Self.event(11, Self.checkIn()))
        _ = live.apply(Self.event(12, Self.checkIn()))
        // Reporting had applied 11 but not 12 when it answered.
        var behind = Self.snapshot()
        behind.cursors[0].appliedThrough = 11
        behind.lessons[0].venues[0].checkedIn = 4
        behind.checkInsPerMinute = [DashboardMinute(minute: live.view.checkInsPerMinute[0].minute, checkIns: 1)]
        var fresh = DashboardState(view: behind)
        for sequence: UInt64 in [11, 12] { _ = fresh.apply(Self.event(sequence, Self.checkIn())) }
        fresh.settle(after: live)
        #expect(fresh.view.lessons == live.view.lessons)
        #expect(fresh.view.checkInsPerMinute == live.view.checkInsPerMinute)
        #expect(fresh.version == live.version)
        #expect(fresh.applied[Self.enrollment] == 12)
    }
}
