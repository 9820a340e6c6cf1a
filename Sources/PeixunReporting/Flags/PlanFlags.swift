import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Flags about plans (备案):
/// - a class scheduled in the window, organiser in scope, without a filed plan
///   (ClassScheduled.planStatus = unfiled);
/// - a plan whose delivery differs from what it planned, once its year is over: before the end of
///   the plan's year the variance is progress, shown in the report's plan rows, not a flag.
enum PlanFlags {
    static func unfiled(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        try db.rows(
            Scope.cte + """
                SELECT k.id, k.code, k.name, k.organiser_id, coalesce(o.code, '') AS organiser_code, k.known_at
                FROM classes k LEFT JOIN organisations o ON o.id = k.organiser_id
                WHERE k.organiser_id IN scope AND k.plan_status = :unfiled AND k.known_at >= :start AND k.known_at < :end
                """, scope.arguments(window) + ["unfiled": PlanStatus.unfiled.rawValue]
        ).map { row in
            Flag(
                kind: .unfiledPlan, subject: try row.uuid("id"), subjectCode: row["code"], subjectName: row["name"],
                organisation: try row.uuid("organiser_id"), organisationCode: row["organiser_code"],
                at: row.timestamp("known_at"), detail: "班次开班前未备案培训计划")
        }
    }

    static func variance(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Flag] {
        guard window.end >= window.yearEnd else { return [] }
        return try PlanVariance.records(scope, window, in: db).compactMap { record in
            let row = record.row
            guard row.deliveredClasses != row.plannedClasses || row.deliveredPeriods != row.plannedPeriods
                || row.deliveredTrainees != row.plannedTrainees
            else { return nil }
            return Flag(
                kind: .planVariance, subject: row.plan, subjectCode: row.code, subjectName: row.title,
                organisation: record.organisation, organisationCode: row.organisationCode, at: window.end,
                detail: "计划班次\(row.plannedClasses)、期次\(row.plannedPeriods)、学员\(row.plannedTrainees)；"
                    + "实际班次\(row.deliveredClasses)、期次\(row.deliveredPeriods)、学员\(row.deliveredTrainees)")
        }
    }
}
