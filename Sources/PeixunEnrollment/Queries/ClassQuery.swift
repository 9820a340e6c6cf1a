import Foundation
import GRDB
import PeixunCodec
import PeixunMessages

/// ShowClass: a class with its plan, its content warnings as they stand, and its periods with
/// their counts and lessons in order.
enum ClassQuery {
    static func show(_ query: ShowClass, in db: Database) throws -> ClassView {
        let classRow = try QueryLookup.trainingClass(code: query.code, in: db)
        let classID = try QueryValues.id(classRow, "id")
        let (planCode, planStatus) = try plan(classRow["plan_id"], in: db)
        // The rules' own computation, so the query and the commands never disagree on a warning.
        let warnings = try ClassWarnings.current(classID: classID, in: db)
        // periods(class_id, number) is unique, so indexed and already in number order.
        let periods = try Row.fetchAll(
            db, sql: "SELECT id, number, start, end, capacity, closed FROM periods WHERE class_id = ? ORDER BY number",
            arguments: [classRow["id"] as Data])
        return ClassView(
            trainingClass: classID, code: classRow["code"], name: classRow["name"],
            organiserCode: classRow["organiser_code"], organiserName: classRow["organiser_name"],
            planCode: planCode, planStatus: planStatus, targetCategories: try QueryValues.categories(classRow, "target_categories"),
            completionPercent: QueryValues.count(classRow, "completion_percent"), warnings: warnings,
            periods: try periods.map { try view(of: $0, in: db) })
    }

    /// A class's plan as it stands now: none (unfiled), filed, or acknowledged by the superior.
    static func plan(_ planID: Data?, in db: Database) throws -> (String?, PlanStatus) {
        guard let planID,
            let row = try Row.fetchOne(db, sql: "SELECT code, acknowledged_by FROM plans WHERE id = ?", arguments: [planID])
        else { return (nil, .unfiled) }
        return (row["code"], (row["acknowledged_by"] as Data?) == nil ? .filed : .acknowledged)
    }

    static func view(of period: Row, in db: Database) throws -> PeriodView {
        let periodID: Data = period["id"]
        // enrollments_by_period (period_id, status, …): counted from the index alone.
        let counts = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT count(*) FROM enrollments WHERE period_id = ?1 AND status IN (1, 4, 5)) AS enrolled,
                       (SELECT count(*) FROM enrollments WHERE period_id = ?1 AND status = 2) AS waitlisted
                """,
            arguments: [periodID])
        // lessons_by_period (period_id, start): in start order without sorting; the main venue and
        // the number of branch venues through lesson_venues' unique (lesson_id, code).
        let lessons = try Row.fetchAll(
            db,
            sql: """
                SELECT l.id, l.start, l.end, c.code AS course_code, c.name AS course_name, c.module, c.mode,
                       i.code AS instructor_code, i.name AS instructor_name,
                       (SELECT v.name FROM lesson_venues v WHERE v.lesson_id = l.id AND v.main = 1) AS venue_name,
                       (SELECT count(*) FROM lesson_venues v WHERE v.lesson_id = l.id AND v.main = 0) AS branch_venues
                FROM lessons l
                JOIN courses c ON c.id = l.course_id
                JOIN instructors i ON i.id = l.instructor_id
                WHERE l.period_id = ?
                ORDER BY l.start
                """,
            arguments: [periodID])
        return PeriodView(
            period: try QueryValues.id(period, "id"), number: QueryValues.count(period, "number"), start: QueryValues.time(period, "start"),
            end: QueryValues.time(period, "end"), capacity: QueryValues.count(period, "capacity"),
            enrolled: counts.map { QueryValues.count($0, "enrolled") } ?? 0,
            waitlisted: counts.map { QueryValues.count($0, "waitlisted") } ?? 0, closed: (period["closed"] as Int64) != 0,
            lessons: try lessons.map { row in
                LessonView(
                    lesson: try QueryValues.id(row, "id"), courseCode: row["course_code"], courseName: row["course_name"],
                    module: try QueryValues.value(row, "module"), instructorCode: row["instructor_code"],
                    instructorName: row["instructor_name"], start: QueryValues.time(row, "start"), end: QueryValues.time(row, "end"),
                    venueName: row["venue_name"] ?? "", branchVenues: QueryValues.count(row, "branch_venues"),
                    mode: try QueryValues.value(row, "mode"))
            })
    }
}
