public import PeixunCodec
public import PeixunMessages

/// One organisation's dashboard: reporting's snapshot (`DashboardView`) and the live events
/// applied on top of it, by the rule of docs/reporting.md "Combining the snapshot and live
/// events": per stream, an event at or below the cursor is already counted, the next one is
/// applied, one beyond it is a gap (events were lost: a new snapshot is needed).
///
/// Pure: no clock, no socket. The feed decides when to ask for a new snapshot.
public struct DashboardState: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// At or below the cursor of its stream (or of a stream the view does not follow).
        case alreadyCounted
        /// Applied; `changed` when a figure moved.
        case applied(changed: Bool)
        /// Beyond cursor + 1: not applied, the cursor stays; ask for a new snapshot.
        case gap(expected: UInt64, got: UInt64)
    }

    public private(set) var view: DashboardView
    /// The last sequence counted per stream: the view's cursors, then each applied event.
    public private(set) var applied: [StreamID: UInt64]
    /// Set by an event whose effect the view cannot work out by itself (a new lesson, a
    /// completion, a flag rule) and by a gap: the feed asks for a new snapshot (at most ~1/s).
    public private(set) var wantsSnapshot = false
    /// Bumped at every change of a figure: the event stream sends an update when it moves.
    public private(set) var version: UInt64 = 0

    let scope: Set<WireUUID>
    /// Lesson id → index in `view.lessons`; venue id → index in that lesson's venues.
    let lessonIndex: [WireUUID: (lesson: Int, venues: [WireUUID: Int])]

    public init(view: DashboardView, version: UInt64 = 0) {
        self.view = view
        self.version = version
        applied = Dictionary(view.cursors.map { ($0.stream, $0.appliedThrough) }, uniquingKeysWith: max)
        scope = Set(view.organisations)
        var index: [WireUUID: (lesson: Int, venues: [WireUUID: Int])] = [:]
        for (position, lesson) in view.lessons.enumerated() {
            let venues = Dictionary(lesson.venues.enumerated().map { ($1.venue, $0) }, uniquingKeysWith: { first, _ in first })
            index[lesson.lesson] = (position, venues)
        }
        lessonIndex = index
    }

    /// Applies one event by its stream and sequence.
    public mutating func apply(_ event: LiveEvent) -> Outcome {
        let stream = event.envelope.stream
        let sequence = event.envelope.sequence
        guard let cursor = applied[stream], sequence > cursor else { return .alreadyCounted }
        guard sequence == cursor + 1 else {
            wantsSnapshot = true
            return .gap(expected: cursor + 1, got: sequence)
        }
        applied[stream] = sequence
        let changed = event.message.map { count($0, at: event.envelope.time) } ?? false
        if changed { version += 1 }
        return .applied(changed: changed)
    }

    /// The feed asked for a new snapshot: further events must set `wantsSnapshot` again.
    public mutating func snapshotAsked() { wantsSnapshot = false }

    /// The live effect of one event on the figures (the table in docs/reporting.md); whether a
    /// figure changed.
    mutating func count(_ message: any WireMessage, at time: WireTimestamp) -> Bool {
        switch message {
        case let checkIn as CheckedIn: return countCheckIn(checkIn, at: time)
        case let enrolled as MemberEnrolled:
            guard !enrolled.waitlisted, scope.contains(enrolled.organisation) else { return false }
            view.enrollments += 1
            return true
        case let score as ScoreRecorded: return countScore(score)
        case is LessonScheduled, is PeriodCompleted, is WaitlistPromoted, is DuplicateTrainingRefused, is PeriodClosed,
            is PlanFiled, is ClassScheduled, is MemberRegistered, is OrganisationRegistered, is InstructorAdded:
            // What the view does not carry (a lesson's class, the member's branch, a first
            // completion, a flag rule): reporting works it out.
            wantsSnapshot = true
            return false
        default:
            return false
        }
    }

    /// +1 at the venue and in the minute of the envelope time (within the day). The flags that
    /// check-ins can raise (over capacity, bursts) are reporting's rules: a snapshot follows.
    mutating func countCheckIn(_ checkIn: CheckedIn, at time: WireTimestamp) -> Bool {
        guard let place = lessonIndex[checkIn.lesson] else { return false }
        if let venue = place.venues[checkIn.venue] {
            view.lessons[place.lesson].venues[venue].checkedIn += 1
        }
        if time >= view.dayStart && time < view.dayEnd {
            addToMinute(of: time)
        }
        wantsSnapshot = true
        return true
    }

    mutating func addToMinute(of time: WireTimestamp) {
        let micros = time.microsecondsSinceEpoch
        let minute = WireTimestamp(microsecondsSinceEpoch: micros - ((micros % 60_000_000) + 60_000_000) % 60_000_000)
        if let index = view.checkInsPerMinute.firstIndex(where: { $0.minute == minute }) {
            view.checkInsPerMinute[index].checkIns += 1
        } else {
            let position = view.checkInsPerMinute.firstIndex(where: { $0.minute > minute }) ?? view.checkInsPerMinute.endIndex
            view.checkInsPerMinute.insert(DashboardMinute(minute: minute, checkIns: 1), at: position)
        }
    }

    /// A leader's scores and excellent move at once; raters and ranks (and newcomers reaching five
    /// raters) need a snapshot.
    mutating func countScore(_ score: ScoreRecorded) -> Bool {
        guard scope.contains(score.organiser) else { return false }
        wantsSnapshot = true
        guard let index = view.instructors.firstIndex(where: { $0.instructor == score.instructor }) else { return false }
        view.instructors[index].scores += 1
        if score.excellent { view.instructors[index].excellent += 1 }
        let row = view.instructors[index]
        view.instructors[index].excellenceRate = Double(row.excellent) / Double(max(row.scores, 1))
        return true
    }
}

extension DashboardState {
    /// After a new snapshot replaced `previous` (and the buffered events were re-applied): the
    /// version moves on only if something on screen differs, so clients see no empty updates.
    public mutating func settle(after previous: DashboardState) {
        version = figures == previous.figures ? previous.version : max(version, previous.version) + 1
    }

    /// The view without its cursors (those are where the snapshot started, not what it shows).
    var figures: DashboardView {
        var figures = view
        figures.cursors = []
        return figures
    }
}

extension DashboardState {
    /// Events were lost on the way (a stream head beyond what was applied): ask again.
    public mutating func markStale() { wantsSnapshot = true }
}
