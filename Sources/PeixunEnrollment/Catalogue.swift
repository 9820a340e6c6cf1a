import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// The course catalogue and the instructor pool, shared by every school of the city.
enum Catalogue {
    /// Credit hours of one lesson of a course: more than 0, at most a day's teaching.
    static let creditHours: ClosedRange<Double> = 0.5...8

    static func addCourse(_ command: AddCourse, context: CommandContext, in db: Database) throws -> CourseAdded {
        let code = try Identifier.code(command.code, of: "course")
        let name = try Identifier.name(command.name, of: "course \(code)")
        guard command.creditHours.isFinite, creditHours.contains(command.creditHours) else {
            throw EnrollmentError(
                "course.invalidCreditHours",
                "course \(code) has \(command.creditHours) credit hours; a lesson counts \(creditHours.lowerBound) to \(creditHours.upperBound)")
        }
        if try db.row("SELECT 1 FROM courses WHERE code = ?", [code]) != nil {
            throw EnrollmentError("course.codeTaken", "course code \(code) is already in the catalogue")
        }
        let event = CourseAdded(
            course: .random(), code: code, name: name, module: command.module, creditHours: command.creditHours,
            mode: command.mode)
        try db.run(
            "INSERT INTO courses (id, code, name, module, credit_hours, mode) VALUES (?, ?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.course), code, name, command.module.rawValue, command.creditHours, command.mode.rawValue])
        try context.publish(event, in: db)
        return event
    }

    static func addInstructor(_ command: AddInstructor, context: CommandContext, in db: Database) throws -> InstructorAdded {
        let code = try Identifier.code(command.code, of: "instructor")
        let name = try Identifier.name(command.name, of: "instructor \(code)")
        let home = try Organisations.require(code: command.organisationCode, in: db)
        if try db.row("SELECT 1 FROM instructors WHERE code = ?", [code]) != nil {
            throw EnrollmentError("instructor.codeTaken", "instructor code \(code) is already in the pool")
        }
        let event = InstructorAdded(
            instructor: .random(), code: code, name: name, kind: command.kind, organisation: home.id,
            organisationCode: home.code)
        try db.run(
            "INSERT INTO instructors (id, code, name, kind, organisation_id) VALUES (?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.instructor), code, name, command.kind.rawValue, StoredUUID.encode(home.id)])
        try context.publish(event, in: db)
        return event
    }
}
