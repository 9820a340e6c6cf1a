public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime
import PeixunStore

/// The enrollment service's commands, dispatched by the command's type id.
public struct EnrollmentCommands: CommandService {
    public let settings: EnrollmentSettings

    public init(settings: EnrollmentSettings = EnrollmentSettings()) {
        self.settings = settings
    }

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        try CommandOutcome.ruling(in: db) { try dispatch(command, context: context, in: db) }
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        switch try WireReader.peekTypeID(command) {
        case CreateOrganisation.typeID:
            return try accepted(Organisations.create(CreateOrganisation(decoding: command), context: context, in: db))
        case ImportRoster.typeID:
            return try accepted(RosterImport.run(ImportRoster(decoding: command), context: context, in: db))
        case AddCourse.typeID:
            return try accepted(Catalogue.addCourse(AddCourse(decoding: command), context: context, in: db))
        case AddInstructor.typeID:
            return try accepted(Catalogue.addInstructor(AddInstructor(decoding: command), context: context, in: db))
        case FilePlan.typeID:
            return try accepted(Plans.file(FilePlan(decoding: command), context: context, in: db))
        case AcknowledgePlan.typeID:
            return try accepted(Plans.acknowledge(AcknowledgePlan(decoding: command), context: context, in: db))
        case ScheduleClass.typeID:
            return try accepted(Classes.schedule(ScheduleClass(decoding: command), context: context, in: db))
        case ScheduleLesson.typeID:
            return try accepted(Lessons.schedule(ScheduleLesson(decoding: command), context: context, in: db))
        case Enroll.typeID:
            return try Enrollments.enroll(Enroll(decoding: command), context: context, in: db)
        case CancelEnrollment.typeID:
            return try accepted(Enrollments.cancel(CancelEnrollment(decoding: command), context: context, in: db))
        case CheckIn.typeID:
            return try accepted(
                Attendance.checkIn(CheckIn(decoding: command), settings: settings, context: context, in: db))
        case ClosePeriod.typeID:
            return try accepted(Completion.close(ClosePeriod(decoding: command), context: context, in: db))
        case let other:
            return .rejected(code: "command.unknown", message: "the enrollment service has no command of type \(other)")
        }
    }

    private func accepted<M: WireMessage>(_ result: M) throws -> CommandOutcome {
        .accepted(result: try result.encoded())
    }
}
