public import GRDB
import PeixunCodec
import PeixunMessages
public import PeixunRuntime

/// The enrollment service's commands, dispatched by the command's type id.
public struct EnrollmentCommands: CommandService {
    public let settings: EnrollmentSettings

    public init(settings: EnrollmentSettings = EnrollmentSettings()) {
        self.settings = settings
    }

    public func execute(_ command: UnsafeRawBufferPointer, context: CommandContext, in db: Database) throws -> CommandOutcome {
        do {
            switch try WireReader.peekTypeID(command) {
            case CreateOrganisation.typeID:
                let created = try Organisations.create(try CreateOrganisation(decoding: command), context: context, in: db)
                return .accepted(result: try created.encoded())
            case ImportRoster.typeID:
                let imported = try RosterImport.run(try ImportRoster(decoding: command), context: context, in: db)
                return .accepted(result: try imported.encoded())
            case let other:
                return .rejected(code: "command.unknown", message: "the enrollment service has no command of type \(other)")
            }
        } catch let error as EnrollmentError {
            return .rejected(code: error.code, message: error.message)
        } catch let error as WireError {
            return .rejected(code: "command.malformed", message: "the command could not be decoded: \(error)")
        }
    }
}
