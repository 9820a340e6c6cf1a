import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Finding what a query names, or refusing with the stable `<thing>.unknown` code and a message
/// that repeats what was asked (so a typo is visible in the answer).
enum QueryLookup {
    /// A class found by its code (unique index on classes.code).
    static func trainingClass(code: String, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT c.id, c.code, c.name, c.target_categories, c.completion_percent, c.plan_id,
                       o.code AS organiser_code, o.name AS organiser_name
                FROM classes c JOIN organisations o ON o.id = c.organiser_id
                WHERE c.code = ?
                """,
            arguments: [code])
        else { throw EnrollmentError("class.unknown", "there is no class with code \(code)") }
        return row
    }

    /// A period found by its class and number (unique index on periods(class_id, number)).
    static func period(classCode: String, number: UInt32, in db: Database) throws -> (classRow: Row, period: Row) {
        let classRow = try trainingClass(code: classCode, in: db)
        guard let period = try Row.fetchOne(
            db, sql: "SELECT id, number, start, end, capacity, closed FROM periods WHERE class_id = ? AND number = ?",
            arguments: [classRow["id"] as Data, Int64(number)])
        else {
            let name: String = classRow["name"]
            throw EnrollmentError("period.unknown", "class \(classCode) (\(name)) has no period \(number)")
        }
        return (classRow, period)
    }

    /// A lesson with its course (primary keys).
    static func lesson(_ id: WireUUID, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT l.id, l.period_id, l.start, l.end, c.name AS course_name
                FROM lessons l JOIN courses c ON c.id = l.course_id
                WHERE l.id = ?
                """,
            arguments: [StoredUUID.encode(id)])
        else { throw EnrollmentError("lesson.unknown", "there is no lesson \(id)") }
        return row
    }

    /// A member by number (unique index on members.number), with their branch.
    static func member(number: String, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT m.id, m.number, m.name, m.categories, m.joined, o.code AS branch_code, o.name AS branch_name
                FROM members m JOIN organisations o ON o.id = m.branch_id
                WHERE m.number = ?
                """,
            arguments: [number])
        else { throw EnrollmentError("member.unknown", "there is no member with number \(number)") }
        return row
    }
}
