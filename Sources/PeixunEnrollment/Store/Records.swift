import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// Rows of the enrollment store as the rules read them, found by what people type (codes,
/// member numbers, a class's code and a period's number) or by id. A missing one is a refusal
/// naming what was asked for.
struct CourseRecord: Sendable, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let module: CourseModule
    let creditHours: Double
    let mode: LessonMode

    static func find(code: String, in db: Database) throws -> CourseRecord {
        guard let row = try db.row("SELECT * FROM courses WHERE code = ?", [code]) else {
            throw EnrollmentError("course.unknown", "course \(code) is not in the catalogue")
        }
        return try CourseRecord(row)
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        code = row["code"]
        name = row["name"]
        module = try StoredEnum.decode(row["module"], as: CourseModule.self, what: "course module")
        creditHours = row["credit_hours"]
        mode = try StoredEnum.decode(row["mode"], as: LessonMode.self, what: "lesson mode")
    }
}

struct InstructorRecord: Sendable, Hashable {
    let id: WireUUID
    let code: String
    let name: String

    static func find(code: String, in db: Database) throws -> InstructorRecord {
        guard let row = try db.row("SELECT id, code, name FROM instructors WHERE code = ?", [code]) else {
            throw EnrollmentError("instructor.unknown", "instructor \(code) is not in the pool")
        }
        return InstructorRecord(id: try StoredUUID.decode(row["id"]), code: row["code"], name: row["name"])
    }
}

struct ClassRecord: Sendable, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let organiser: WireUUID
    let plan: WireUUID?
    let targetCategories: [MemberCategory]
    let completionPercent: Int

    static func find(code: String, in db: Database) throws -> ClassRecord {
        guard let row = try db.row("SELECT * FROM classes WHERE code = ?", [code]) else {
            throw EnrollmentError("class.unknown", "class \(code) does not exist")
        }
        return try ClassRecord(row)
    }

    static func find(id: WireUUID, in db: Database) throws -> ClassRecord {
        guard let row = try db.row("SELECT * FROM classes WHERE id = ?", [StoredUUID.encode(id)]) else {
            throw EnrollmentError("class.unknown", "class \(id) does not exist")
        }
        return try ClassRecord(row)
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        code = row["code"]
        name = row["name"]
        organiser = try StoredUUID.decode(row["organiser_id"])
        plan = try (row["plan_id"] as Data?).map(StoredUUID.decode)
        targetCategories = StoredCategories.decode(row["target_categories"])
        completionPercent = row["completion_percent"]
    }
}

struct PeriodRecord: Sendable, Hashable {
    let id: WireUUID
    let trainingClass: WireUUID
    let number: UInt32
    let start: WireTimestamp
    let end: WireTimestamp
    let capacity: Int
    let closed: Bool

    /// The period `number` of `trainingClass`, refused when it does not exist.
    static func find(_ trainingClass: ClassRecord, number: UInt32, in db: Database) throws -> PeriodRecord {
        guard let row = try db.row(
            "SELECT * FROM periods WHERE class_id = ? AND number = ?", [StoredUUID.encode(trainingClass.id), number])
        else {
            throw EnrollmentError("period.unknown", "class \(trainingClass.name) (\(trainingClass.code)) has no period \(number)")
        }
        return try PeriodRecord(row)
    }

    static func find(id: WireUUID, in db: Database) throws -> PeriodRecord {
        guard let row = try db.row("SELECT * FROM periods WHERE id = ?", [StoredUUID.encode(id)]) else {
            throw EnrollmentError("period.unknown", "period \(id) does not exist")
        }
        return try PeriodRecord(row)
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        trainingClass = try StoredUUID.decode(row["class_id"])
        number = row["number"]
        start = WireTimestamp(microsecondsSinceEpoch: row["start"])
        end = WireTimestamp(microsecondsSinceEpoch: row["end"])
        capacity = row["capacity"]
        closed = row["closed"]
    }

    /// Refuses changes to a closed period (its completion is decided).
    func requireOpen(_ trainingClass: ClassRecord) throws {
        if closed {
            throw EnrollmentError("period.closed", "period \(number) of \(trainingClass.name) is closed")
        }
    }
}

struct MemberRecord: Sendable, Hashable {
    let id: WireUUID
    let number: String
    let name: String
    let branch: WireUUID
    let categories: [MemberCategory]

    static func find(number: String, in db: Database) throws -> MemberRecord {
        guard let row = try db.row("SELECT id, number, name, branch_id, categories FROM members WHERE number = ?", [number])
        else { throw EnrollmentError("member.unknown", "member \(number) is not registered") }
        return MemberRecord(
            id: try StoredUUID.decode(row["id"]), number: row["number"], name: row["name"],
            branch: try StoredUUID.decode(row["branch_id"]), categories: StoredCategories.decode(row["categories"]))
    }
}

struct LessonRecord: Sendable, Hashable {
    let id: WireUUID
    let period: WireUUID
    let course: WireUUID
    let instructor: WireUUID
    let start: WireTimestamp
    let end: WireTimestamp

    static func find(id: WireUUID, in db: Database) throws -> LessonRecord {
        guard let row = try db.row("SELECT * FROM lessons WHERE id = ?", [StoredUUID.encode(id)]) else {
            throw EnrollmentError("lesson.unknown", "lesson \(id) does not exist")
        }
        return LessonRecord(
            id: id, period: try StoredUUID.decode(row["period_id"]), course: try StoredUUID.decode(row["course_id"]),
            instructor: try StoredUUID.decode(row["instructor_id"]),
            start: WireTimestamp(microsecondsSinceEpoch: row["start"]), end: WireTimestamp(microsecondsSinceEpoch: row["end"]))
    }
}
