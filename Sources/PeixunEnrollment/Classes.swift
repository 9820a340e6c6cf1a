import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Classes (班次) and their periods (期).
///
/// A class without a filed plan is **allowed and flagged**: the reports ask that plans be filed
/// before classes run and that unfiled classes be flagged, and refusing would stop a town school
/// that files late from recording training that really happens. The flag ("class.unfiledPlan")
/// is on the class, in `ClassScheduled` and in every query, until a plan is named.
enum Classes {
    static let defaultCompletionPercent: UInt32 = 80
    static let maximumPeriods = 100
    static let capacities: ClosedRange<UInt32> = 1...100_000

    static func schedule(_ command: ScheduleClass, context: CommandContext, in db: Database) throws -> ClassScheduled {
        let code = try Identifier.code(command.code, of: "class")
        let name = try Identifier.name(command.name, of: "class \(code)")
        let organiser = try Organisations.require(code: command.organiserCode, in: db)
        let plan = try command.planCode.map { try coveringPlan($0, organiser: organiser, in: db) }
        let completion = command.completionPercent == 0 ? defaultCompletionPercent : command.completionPercent
        guard (1...100).contains(completion) else {
            throw EnrollmentError("class.invalidCompletion", "class \(code) asks for \(completion)% attendance; 1–100% is possible")
        }
        try checkPeriods(command.periods, of: code)
        if let mark = command.examPassMark, !(mark.isFinite && (0...100).contains(mark)) {
            throw EnrollmentError("class.invalidPassMark", "class \(code) has an exam pass mark of \(mark); 0–100 is possible")
        }
        if try db.row("SELECT 1 FROM classes WHERE code = ?", [code]) != nil {
            throw EnrollmentError("class.codeTaken", "class code \(code) is already used")
        }
        let id = WireUUID.random()
        let targets = StoredCategories.decode(StoredCategories.encode(command.targetCategories))
        try db.run(
            """
            INSERT INTO classes (id, code, name, organiser_id, plan_id, target_categories, completion_percent, exam_pass_mark)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                StoredUUID.encode(id), code, name, StoredUUID.encode(organiser.id), plan.map { StoredUUID.encode($0.id) },
                StoredCategories.encode(targets), completion, command.examPassMark,
            ])
        let periods = try insertPeriods(command.periods, of: id, in: db)
        let event = ClassScheduled(
            trainingClass: id, code: code, name: name, organiser: organiser.id, organiserCode: organiser.code,
            organiserName: organiser.name, plan: plan?.id, planCode: plan?.code, planStatus: plan?.status ?? .unfiled,
            targetCategories: targets, completionPercent: completion, periods: periods,
            warnings: try ClassWarnings.current(classID: id, in: db), examPassMark: command.examPassMark)
        try context.publish(event, in: db)
        return event
    }

    struct Plan {
        let id: WireUUID
        let code: String
        let status: PlanStatus
    }

    /// The plan `code`, which must be filed by the organiser or an organisation above it.
    static func coveringPlan(_ code: String, organiser: Organisations.Record, in db: Database) throws -> Plan {
        guard let row = try db.row("SELECT id, code, organisation_id, acknowledged_by FROM plans WHERE code = ?", [code]) else {
            throw EnrollmentError("plan.unknown", "plan \(code) has not been filed")
        }
        let covering = try db.int(
            """
            WITH RECURSIVE above(id, parent) AS (
                SELECT id, parent_id FROM organisations WHERE id = ?
                UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN above a ON o.id = a.parent
            ) SELECT count(*) FROM above WHERE id = ?
            """, [StoredUUID.encode(organiser.id), row["organisation_id"] as Data])
        guard covering > 0 else {
            throw EnrollmentError(
                "class.planNotCovering", "plan \(code) was filed by an organisation that is not \(organiser.name) or above it")
        }
        return Plan(
            id: try StoredUUID.decode(row["id"]), code: row["code"],
            status: (row["acknowledged_by"] as Data?) == nil ? .filed : .acknowledged)
    }

    static func checkPeriods(_ periods: [PeriodSpec], of code: String) throws {
        guard !periods.isEmpty, periods.count <= maximumPeriods else {
            throw EnrollmentError("class.invalidPeriods", "class \(code) needs 1–\(maximumPeriods) periods, not \(periods.count)")
        }
        for (index, period) in periods.enumerated() {
            guard period.start < period.end else {
                throw EnrollmentError("period.invalidTimes", "period \(index + 1) of class \(code) ends (\(period.end)) before it starts (\(period.start))")
            }
            guard capacities.contains(period.capacity) else {
                throw EnrollmentError(
                    "period.invalidCapacity", "period \(index + 1) of class \(code) has capacity \(period.capacity); 1–\(capacities.upperBound) is possible")
            }
        }
    }

    static func insertPeriods(_ periods: [PeriodSpec], of classID: WireUUID, in db: Database) throws -> [PeriodSummary] {
        try periods.enumerated().map { index, spec in
            let summary = PeriodSummary(
                period: .random(), number: UInt32(index + 1), start: spec.start, end: spec.end, capacity: spec.capacity)
            try db.run(
                "INSERT INTO periods (id, class_id, number, start, end, capacity) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    StoredUUID.encode(summary.period), StoredUUID.encode(classID), summary.number,
                    spec.start.microsecondsSinceEpoch, spec.end.microsecondsSinceEpoch, spec.capacity,
                ])
            return summary
        }
    }
}
