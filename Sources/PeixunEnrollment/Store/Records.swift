import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// A row of the store read as a value.
protocol StoredRecord: Sendable {
    init(_ row: Row) throws
}

extension Database {
    /// The one record `sql` finds, or the refusal naming what was asked for.
    func record<R: StoredRecord>(
        _: R.Type, _ sql: String, _ arguments: StatementArguments, else refusal: @autoclosure () -> EnrollmentError
    ) throws -> R {
        guard let row = try row(sql, arguments) else { throw refusal() }
        return try R(row)
    }
}

/// Rows of the enrollment store as the rules read them, found by what people type (codes,
/// member numbers, a class's code and a period's number) or by id. A missing one is a refusal
/// naming what was asked for.
struct CourseRecord: StoredRecord, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let module: CourseModule
    let creditHours: Double
    let mode: LessonMode

    static func find(code: String, in db: Database) throws -> CourseRecord {
        try db.record(
            CourseRecord.self, "SELECT * FROM courses WHERE code = ?", [code],
            else: EnrollmentError("course.unknown", "course \(code) is not in the catalogue"))
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

struct InstructorRecord: StoredRecord, Hashable {
    let id: WireUUID
    let code: String
    let name: String

    static func find(code: String, in db: Database) throws -> InstructorRecord {
        try db.record(
            InstructorRecord.self, "SELECT id, code, name FROM instructors WHERE code = ?", [code],
            else: EnrollmentError("instructor.unknown", "instructor \(code) is not in the pool"))
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        code = row["code"]
        name = row["name"]
    }
}

struct ClassRecord: StoredRecord, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let organiser: WireUUID
    let plan: WireUUID?
    let targetCategories: [MemberCategory]
    let completionPercent: Int

    static func find(code: String, in db: Database) throws -> ClassRecord {
        try db.record(
            ClassRecord.self, "SELECT * FROM classes WHERE code = ?", [code],
            else: EnrollmentError("class.unknown", "class \(code) does not exist"))
    }

    static func find(id: WireUUID, in db: Database) throws -> ClassRecord {
        try db.record(
            ClassRecord.self, "SELECT * FROM classes WHERE id = ?", [StoredUUID.encode(id)],
            else: EnrollmentError("class.unknown", "class \(id) does not exist"))
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

struct PeriodRecord: StoredRecord, Hashable {
    let id: WireUUID
    let trainingClass: WireUUID
    let number: UInt32
    let start: WireTimestamp
    let end: WireTimestamp
    let capacity: Int
    let closed: Bool

    /// The period `number` of `trainingClass`, refused when it does not exist.
    static func find(_ trainingClass: ClassRecord, number: UInt32, in db: Database) throws -> PeriodRecord {
        try db.record(
            PeriodRecord.self, "SELECT * FROM periods WHERE class_id = ? AND number = ?", [StoredUUID.encode(trainingClass.id), number],
            else: EnrollmentError("period.unknown", "class \(trainingClass.name) (\(trainingClass.code)) has no period \(number)"))
    }

    static func find(id: WireUUID, in db: Database) throws -> PeriodRecord {
        try db.record(
            PeriodRecord.self, "SELECT * FROM periods WHERE id = ?", [StoredUUID.encode(id)],
            else: EnrollmentError("period.unknown", "period \(id) does not exist"))
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

struct MemberRecord: StoredRecord, Hashable {
    let id: WireUUID
    let number: String
    let name: String
    let branch: WireUUID
    let categories: [MemberCategory]

    static func find(number: String, in db: Database) throws -> MemberRecord {
        try db.record(
            MemberRecord.self, "SELECT id, number, name, branch_id, categories FROM members WHERE number = ?", [number],
            else: EnrollmentError("member.unknown", "member \(number) is not registered"))
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        number = row["number"]
        name = row["name"]
        branch = try StoredUUID.decode(row["branch_id"])
        categories = StoredCategories.decode(row["categories"])
    }
}

struct LessonRecord: StoredRecord, Hashable {
    let id: WireUUID
    let period: WireUUID
    let course: WireUUID
    let instructor: WireUUID
    let start: WireTimestamp
    let end: WireTimestamp

    static func find(id: WireUUID, in db: Database) throws -> LessonRecord {
        try db.record(
            LessonRecord.self, "SELECT * FROM lessons WHERE id = ?", [StoredUUID.encode(id)],
            else: EnrollmentError("lesson.unknown", "lesson \(id) does not exist"))
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        period = try StoredUUID.decode(row["period_id"])
        course = try StoredUUID.decode(row["course_id"])
        instructor = try StoredUUID.decode(row["instructor_id"])
        start = WireTimestamp(microsecondsSinceEpoch: row["start"])
        end = WireTimestamp(microsecondsSinceEpoch: row["end"])
    }
}

// Records read from a stepped row (`Database.first`), for the commands run thousands of times a
// second (Enroll, CheckIn): the same values as `init(_ row: Row)`, without copying the row. Each
// record's `columnNames` lists what its reader expects, in order; the select list and the width
// a query skips over both come from it, so a query and its reader agree.

/// A record read from consecutive columns of a stepped row.
protocol SteppedRecord {
    static var columnNames: [String] { get }
}

extension SteppedRecord {
    /// The record's columns of `table` (an alias in the query), for a select list.
    static func columns(_ table: String) -> String {
        columnNames.map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// How many columns the record takes in a row.
    static var columnCount: Int32 { Int32(columnNames.count) }
}

extension MemberRecord: SteppedRecord {
    static let columnNames = ["id", "number", "name", "branch_id", "categories"]

    init(_ row: SteppedRow, at first: Int32) throws {
        id = try row.uuid(first)
        number = row.text(first + 1)
        name = row.text(first + 2)
        branch = try row.uuid(first + 3)
        categories = StoredCategories.decode(row.text(first + 4))
    }
}

extension ClassRecord: SteppedRecord {
    static let columnNames = ["id", "code", "name", "organiser_id", "plan_id", "target_categories", "completion_percent"]

    init(_ row: SteppedRow, at first: Int32) throws {
        id = try row.uuid(first)
        code = row.text(first + 1)
        name = row.text(first + 2)
        organiser = try row.uuid(first + 3)
        plan = row.isNull(first + 4) ? nil : try row.uuid(first + 4)
        targetCategories = StoredCategories.decode(row.text(first + 5))
        completionPercent = Int(row.int(first + 6))
    }
}

extension PeriodRecord: SteppedRecord {
    static let columnNames = ["id", "class_id", "number", "start", "end", "capacity", "closed"]

    init(_ row: SteppedRow, at first: Int32) throws {
        id = try row.uuid(first)
        trainingClass = try row.uuid(first + 1)
        number = UInt32(truncatingIfNeeded: row.int(first + 2))
        start = WireTimestamp(microsecondsSinceEpoch: row.int(first + 3))
        end = WireTimestamp(microsecondsSinceEpoch: row.int(first + 4))
        capacity = Int(row.int(first + 5))
        closed = row.int(first + 6) != 0
    }
}

extension LessonRecord: SteppedRecord {
    static let columnNames = ["id", "period_id", "course_id", "instructor_id", "start", "end"]

    init(_ row: SteppedRow, at first: Int32) throws {
        id = try row.uuid(first)
        period = try row.uuid(first + 1)
        course = try row.uuid(first + 2)
        instructor = try row.uuid(first + 3)
        start = WireTimestamp(microsecondsSinceEpoch: row.int(first + 4))
        end = WireTimestamp(microsecondsSinceEpoch: row.int(first + 5))
    }
}
