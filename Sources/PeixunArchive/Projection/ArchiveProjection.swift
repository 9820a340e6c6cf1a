public import GRDB
public import Logging
import PeixunCalendar
import PeixunCodec
import PeixunMessages
public import PeixunRuntime
import PeixunStore

/// The archive built from enrollment's and scoring's events: names and the tree, each member's
/// chains, completions for the ledger, and sealed months. Applied in the transaction that
/// advances the stream's cursor (exactly once, in stream order); everything derived uses the
/// event's content and its envelope time, never the local clock.
public struct ArchiveProjection: Projection {
    public let settings: ArchiveSettings
    let logger: Logger

    public init(settings: ArchiveSettings = ArchiveSettings(), logger: Logger = Logger(label: "peixun.archive")) {
        self.settings = settings
        self.logger = logger
    }

    /// Events of a stream the settings do not follow are ignored (a deployment without scoring).
    public func apply(_ event: ReceivedEvent, in db: Database) throws {
        let envelope = event.envelope
        guard settings.followedStreams.contains(envelope.stream.service) else { return }
        try event.payload.withUnsafeBytes { payload in
            switch envelope.stream.service {
            case ArchiveStore.enrollmentStream.service: try enrollment(payload, envelope, in: db)
            case ArchiveStore.scoringStream.service: try scoring(payload, envelope, in: db)
            default: break
            }
        }
        let sealed = try Sealing.advance(
            stream: settings.sealingName(envelope.stream), to: ChinaMonth(envelope.time), settings: settings, cause: envelope, in: db)
        for root in sealed {
            logger.info(
                "sealed a month", metadata: ["committee": "\(root.committeeCode)", "month": "\(root.month)", "members": "\(root.members)"])
        }
    }

    private func enrollment(_ payload: UnsafeRawBufferPointer, _ envelope: Envelope, in db: Database) throws {
        let filing = Filing(envelope: envelope, lane: .enrollment)
        switch envelope.eventType {
        case OrganisationRegistered.typeID: try Names.organisation(OrganisationRegistered(decoding: payload), in: db)
        case MemberRegistered.typeID: try Names.member(MemberRegistered(decoding: payload), in: db)
        case CourseAdded.typeID: try Names.course(CourseAdded(decoding: payload), in: db)
        case ClassScheduled.typeID: try Names.trainingClass(ClassScheduled(decoding: payload), in: db)
        case LessonScheduled.typeID: try Names.lesson(LessonScheduled(decoding: payload), in: db)
        case MemberEnrolled.typeID: try filing.file(MemberEnrolled(decoding: payload), in: db)
        case EnrollmentCancelled.typeID: try filing.file(EnrollmentCancelled(decoding: payload), in: db)
        case WaitlistPromoted.typeID: try filing.file(WaitlistPromoted(decoding: payload), in: db)
        case CheckedIn.typeID: try filing.file(CheckedIn(decoding: payload), in: db)
        case PeriodCompleted.typeID: try filing.file(PeriodCompleted(decoding: payload), in: db)
        default: break  // events the archive keeps nothing of (plans, instructors, closed periods…)
        }
    }

    private func scoring(_ payload: UnsafeRawBufferPointer, _ envelope: Envelope, in db: Database) throws {
        let filing = Filing(envelope: envelope, lane: .scoring)
        switch envelope.eventType {
        case ScoreRecorded.typeID: try filing.file(ScoreRecorded(decoding: payload), in: db)
        case ExamRecorded.typeID: try filing.file(ExamRecorded(decoding: payload), in: db)
        case CompletionConfirmed.typeID: try filing.file(CompletionConfirmed(decoding: payload), in: db)
        default: break  // instructor ratings are not part of a member's record
        }
    }
}
