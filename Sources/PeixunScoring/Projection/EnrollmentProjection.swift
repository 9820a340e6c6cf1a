public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// What scoring keeps from enrollment's events (stream enrollment/0): names and codes of members,
/// instructors, courses and schools; classes with their periods and exam pass marks; lessons with
/// their instructor, course, class and school; who checked in where; and who completed which
/// period. Applied in the transaction that advances the stream's cursor: exactly once, in order.
///
/// PeriodCompleted may confirm a completion (CompletionConfirmed), published on scoring's own
/// stream in the same transaction, at the time enrollment committed it.
public struct EnrollmentProjection: Projection {
    /// The partition this store holds (it confirms completions of its own classes only).
    public let partition: ScoringPartition

    public init(partition: ScoringPartition = .whole) {
        self.partition = partition
    }

    public func apply(_ event: ReceivedEvent, in db: Database) throws {
        let payload = event.payload
        switch event.envelope.eventType {
        case MemberRegistered.typeID: try Directory.member(MemberRegistered(decoding: payload), in: db)
        case CourseAdded.typeID: try Directory.course(CourseAdded(decoding: payload), in: db)
        case InstructorAdded.typeID: try Directory.instructor(InstructorAdded(decoding: payload), in: db)
        case ClassScheduled.typeID: try TrainingEvents.classScheduled(ClassScheduled(decoding: payload), in: db)
        case LessonScheduled.typeID: try TrainingEvents.lessonScheduled(LessonScheduled(decoding: payload), in: db)
        case CheckedIn.typeID: try TrainingEvents.checkedIn(CheckedIn(decoding: payload), in: db)
        case PeriodCompleted.typeID:
            try TrainingEvents.periodCompleted(
                PeriodCompleted(decoding: payload), context: ScoringContext(command: event.context, partition: partition), in: db)
        case PeriodClosed.typeID: try TrainingEvents.periodClosed(PeriodClosed(decoding: payload), in: db)
        default: break  // events scoring does not need
        }
    }
}
