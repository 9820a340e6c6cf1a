import Foundation
public import GRDB
public import PeixunCodec
public import PeixunMessages
import PeixunStore

/// A class's problems that do not stop it running, computed from what is stored now (so
/// acknowledging its plan or adding a lesson changes them):
/// - "class.unfiledPlan": no filed plan names it; "class.planNotAcknowledged": its plan is filed
///   but not yet acknowledged by the superior;
/// - "class.firstLessonNotPoliticalTheory": a period's first lesson is not political theory
///   (政治理论首课);
/// - "class.politicalTheoryShare": fewer than two thirds of its lessons are political theory.
public enum ClassWarnings {
    /// The share of political-theory lessons below which a class is flagged.
    public static let politicalTheoryShare = 2.0 / 3.0

    public static func current(classID: WireUUID, in db: Database) throws -> [ClassWarning] {
        let trainingClass = try ClassRecord.find(id: classID, in: db)
        return try planWarnings(trainingClass, in: db) + contentWarnings(trainingClass, in: db)
    }

    static func planWarnings(_ trainingClass: ClassRecord, in db: Database) throws -> [ClassWarning] {
        guard let plan = trainingClass.plan else {
            return [ClassWarning(code: "class.unfiledPlan", message: "class \(trainingClass.name) runs without a filed plan")]
        }
        let row = try db.row("SELECT code, acknowledged_by FROM plans WHERE id = ?", [StoredUUID.encode(plan)])
        guard let row, (row["acknowledged_by"] as Data?) == nil else { return [] }
        return [
            ClassWarning(
                code: "class.planNotAcknowledged",
                message: "the plan \(row["code"] as String) of class \(trainingClass.name) is not yet acknowledged by its superior"),
        ]
    }

    static func contentWarnings(_ trainingClass: ClassRecord, in db: Database) throws -> [ClassWarning] {
        let lessons = try db.rows(
            """
            SELECT p.number, c.module, c.name FROM periods p
            JOIN lessons l ON l.period_id = p.id JOIN courses c ON c.id = l.course_id
            WHERE p.class_id = ? ORDER BY p.number, l.start
            """, [StoredUUID.encode(trainingClass.id)])
        guard !lessons.isEmpty else { return [] }
        let political = Int64(CourseModule.politicalTheory.rawValue)
        var warnings: [ClassWarning] = []
        var previousPeriod: Int64?
        for lesson in lessons where lesson["number"] as Int64 != previousPeriod {
            previousPeriod = lesson["number"]
            if lesson["module"] as Int64 != political {
                warnings.append(
                    ClassWarning(
                        code: "class.firstLessonNotPoliticalTheory",
                        message: "period \(lesson["number"] as Int64) of \(trainingClass.name) opens with \(lesson["name"] as String), not a political-theory lesson"))
            }
        }
        let theory = lessons.filter { $0["module"] as Int64 == political }.count
        if Double(theory) < politicalTheoryShare * Double(lessons.count) {
            warnings.append(
                ClassWarning(
                    code: "class.politicalTheoryShare",
                    message: "\(theory) of \(lessons.count) lessons of \(trainingClass.name) are political theory; at least two thirds should be"))
        }
        return warnings
    }
}
