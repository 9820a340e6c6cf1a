import Foundation
import GRDB
import PeixunCodec
import PeixunStore

/// A row of the store read as a value.
protocol StoredRecord: Sendable {
    init(_ row: Row) throws
}

extension Database {
    /// The one record `sql` finds, or the refusal naming what was asked for.
    func record<R: StoredRecord>(
        _: R.Type, _ sql: String, _ arguments: StatementArguments, else refusal: @autoclosure () -> ScoringError
    ) throws -> R {
        guard let row = try row(sql, arguments) else { throw refusal() }
        return try R(row)
    }
}

/// What scoring knows of a member (from MemberRegistered).
struct MemberRecord: StoredRecord, Hashable {
    let id: WireUUID
    let number: String
    let name: String

    /// `张伟 (GD-0001)`.
    var label: String { "\(name) (\(number))" }

    /// Stepped by hand (`Database+Steps`): every score looks its member up.
    static func find(number: String, in db: Database) throws -> MemberRecord {
        let found = try db.first("SELECT id, number, name FROM members WHERE number = ?", [.text(number)]) { row in
            MemberRecord(id: try row.uuid(0, name: "members.id"), number: row.text(1), name: row.text(2))
        }
        guard let found else { throw ScoringError("member.unknown", "member \(number) is not registered") }
        return found
    }

    init(id: WireUUID, number: String, name: String) {
        self.id = id
        self.number = number
        self.name = name
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        number = row["number"]
        name = row["name"]
    }
}

/// A lesson as scoring needs it: who taught what, for which class and school (LessonScheduled).
struct LessonRecord: StoredRecord, Hashable {
    let id: WireUUID
    let period: WireUUID
    let trainingClass: WireUUID
    let course: WireUUID
    let instructor: WireUUID
    let organiser: WireUUID
    let courseName: String
    let instructorName: String
    let start: WireTimestamp

    /// `习近平新时代中国特色社会主义思想概论 by 李娜 on 2024-03-11 09:00`.
    var label: String { "\(courseName) by \(instructorName) on \(start.chinaText)" }

    /// Stepped by hand (`Database+Steps`): every score looks its lesson up.
    static func find(id: WireUUID, in db: Database) throws -> LessonRecord {
        let found = try db.first(
            """
            SELECT id, period_id, class_id, course_id, instructor_id, organiser_id, course_name, instructor_name, start
            FROM lessons WHERE id = ?
            """, [.uuid(id)]
        ) { row in
            LessonRecord(
                id: try row.uuid(0, name: "lessons.id"), period: try row.uuid(1, name: "lessons.period_id"),
                trainingClass: try row.uuid(2, name: "lessons.class_id"), course: try row.uuid(3, name: "lessons.course_id"),
                instructor: try row.uuid(4, name: "lessons.instructor_id"), organiser: try row.uuid(5, name: "lessons.organiser_id"),
                courseName: row.text(6), instructorName: row.text(7), start: WireTimestamp(microsecondsSinceEpoch: row.int(8)))
        }
        guard let found else { throw ScoringError("lesson.unknown", "lesson \(id) does not exist") }
        return found
    }

    init(
        id: WireUUID, period: WireUUID, trainingClass: WireUUID, course: WireUUID, instructor: WireUUID, organiser: WireUUID,
        courseName: String, instructorName: String, start: WireTimestamp
    ) {
        self.id = id
        self.period = period
        self.trainingClass = trainingClass
        self.course = course
        self.instructor = instructor
        self.organiser = organiser
        self.courseName = courseName
        self.instructorName = instructorName
        self.start = start
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        period = try StoredUUID.decode(row["period_id"])
        trainingClass = try StoredUUID.decode(row["class_id"])
        course = try StoredUUID.decode(row["course_id"])
        instructor = try StoredUUID.decode(row["instructor_id"])
        organiser = try StoredUUID.decode(row["organiser_id"])
        courseName = row["course_name"]
        instructorName = row["instructor_name"]
        start = WireTimestamp(stored: row["start"])
    }
}

/// A class (ClassScheduled); `examPassMark` is nil when it has no completion exam.
struct ClassRecord: StoredRecord, Hashable {
    let id: WireUUID
    let code: String
    let name: String
    let organiser: WireUUID
    let examPassMark: Double?

    static func find(code: String, in db: Database) throws -> ClassRecord {
        try db.record(
            ClassRecord.self, "SELECT * FROM classes WHERE code = ?", [code],
            else: ScoringError("class.unknown", "class \(code) does not exist"))
    }

    static func find(id: WireUUID, in db: Database) throws -> ClassRecord? {
        try db.row("SELECT * FROM classes WHERE id = ?", [StoredUUID.encode(id)]).map(ClassRecord.init)
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        code = row["code"]
        name = row["name"]
        organiser = try StoredUUID.decode(row["organiser_id"])
        examPassMark = row["exam_pass_mark"]
    }
}

struct PeriodRecord: StoredRecord, Hashable {
    let id: WireUUID
    let number: UInt32

    /// Period `number` of `trainingClass`, refused when it does not exist.
    static func find(_ trainingClass: ClassRecord, number: UInt32, in db: Database) throws -> PeriodRecord {
        try db.record(
            PeriodRecord.self, "SELECT id, number FROM periods WHERE class_id = ? AND number = ?",
            [StoredUUID.encode(trainingClass.id), number],
            else: ScoringError("period.unknown", "class \(trainingClass.name) (\(trainingClass.code)) has no period \(number)"))
    }

    init(_ row: Row) throws {
        id = try StoredUUID.decode(row["id"])
        number = row["number"]
    }
}
