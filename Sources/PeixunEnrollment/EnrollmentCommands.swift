public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime
import PeixunStore

/// The enrollment service's commands, dispatched by the command's type id.
/// When enrollment is split, each command is first checked to be this partition's (its
/// `partitionKey`, `EnrollmentPartitionKeys.swift`); its events go to the partition's stream.
public struct EnrollmentCommands: CommandService {
    public let settings: EnrollmentSettings
    public let partition: EnrollmentPartition

    public init(settings: EnrollmentSettings = EnrollmentSettings(), partition: EnrollmentPartition = .whole) {
        self.settings = settings
        self.partition = partition
    }

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        var context = context
        if partition.isSplit { context.stream = partition.stream }
        return try CommandOutcome.ruling(in: db) { try dispatch(command, context: context, in: db) }
    }

    /// Decodes a command and checks it is this partition's.
    private func owned<M: WireMessage & EnrollmentPartitionKeyed>(_: M.Type, _ bytes: UnsafeRawBufferPointer, _ what: String) throws -> M {
        let command = try M(decoding: bytes)
        try partition.require(command.partitionKey, of: what)
        return command
    }

    private func dispatch(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        switch try WireReader.peekTypeID(command) {
        case CreateOrganisation.typeID:
            return try accepted(Organisations.create(owned(CreateOrganisation.self, command, "organisation"), context: context, in: db))
        case ImportRoster.typeID:
            let roster = try ImportRoster(decoding: command)
            for entry in roster.entries { try partition.require(entry.memberNumber, of: "member") }
            return try accepted(RosterImport.run(roster, context: context, in: db))
        case AddCourse.typeID:
            return try accepted(Catalogue.addCourse(owned(AddCourse.self, command, "course"), context: context, in: db))
        case AddInstructor.typeID:
            return try accepted(Catalogue.addInstructor(owned(AddInstructor.self, command, "instructor"), context: context, in: db))
        case FilePlan.typeID:
            return try accepted(Plans.file(owned(FilePlan.self, command, "plan"), context: context, in: db))
        case AcknowledgePlan.typeID:
            return try accepted(Plans.acknowledge(owned(AcknowledgePlan.self, command, "plan"), context: context, in: db))
        case ScheduleClass.typeID:
            return try accepted(Classes.schedule(owned(ScheduleClass.self, command, "class"), context: context, in: db))
        case ScheduleLesson.typeID:
            return try accepted(Lessons.schedule(owned(ScheduleLesson.self, command, "class"), context: context, in: db))
        case Enroll.typeID:
            return try Enrollments.enroll(owned(Enroll.self, command, "class"), context: context, in: db)
        case CancelEnrollment.typeID:
            return try accepted(Enrollments.cancel(owned(CancelEnrollment.self, command, "class"), context: context, in: db))
        case CheckIn.typeID:
            let checkIn = try CheckIn(decoding: command)
            try partition.requireOwner(ofLesson: checkIn.lesson, in: db)
            return try accepted(Attendance.checkIn(checkIn, settings: settings, context: context, in: db))
        case ClosePeriod.typeID:
            return try accepted(Completion.close(owned(ClosePeriod.self, command, "class"), context: context, in: db))
        case let other:
            return .rejected(code: "command.unknown", message: "the enrollment service has no command of type \(other)")
        }
    }

    private func accepted<M: WireMessage>(_ result: M) throws -> CommandOutcome {
        .accepted(result: try result.encoded())
    }
}
