import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Planned against delivered, per plan (PlanFiled) of the window's year filed in scope: classes
/// scheduled under the plan, their periods, and the different members who completed one of them.
enum PlanVariance {
    static func rows(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [PlanVarianceRow] {
        try records(scope, window, in: db).map(\.row)
    }

    struct Record {
        let row: PlanVarianceRow
        let organisation: WireUUID
    }

    static func records(_ scope: Scope, _ window: ReportWindow, in db: Database) throws -> [Record] {
        try db.rows(
            Scope.cte + """
                SELECT p.id, p.code, p.title, p.organisation_id, coalesce(o.code, '') AS organisation_code, p.year,
                       p.planned_classes, p.planned_periods, p.planned_trainees,
                       (SELECT count(*) FROM classes k WHERE k.plan_id = p.id AND k.known_at < :end) AS classes,
                       (SELECT count(*) FROM periods q JOIN classes k ON k.id = q.class_id
                        WHERE k.plan_id = p.id AND k.known_at < :end) AS periods,
                       (SELECT count(DISTINCT c.member_id) FROM completions c JOIN classes k ON k.id = c.class_id
                        WHERE k.plan_id = p.id AND c.known_at < :end) AS trainees
                FROM plans p LEFT JOIN organisations o ON o.id = p.organisation_id
                WHERE p.organisation_id IN scope AND p.year = :year AND p.known_at < :end
                ORDER BY p.code
                """, scope.arguments(window)
        ).map { row in
            Record(
                row: PlanVarianceRow(
                    plan: try row.uuid("id"), code: row["code"], title: row["title"],
                    organisationCode: row["organisation_code"], year: row.count("year"),
                    plannedClasses: row.count("planned_classes"), deliveredClasses: row.count("classes"),
                    plannedPeriods: row.count("planned_periods"), deliveredPeriods: row.count("periods"),
                    plannedTrainees: row.count("planned_trainees"), deliveredTrainees: row.count("trainees")),
                organisation: try row.uuid("organisation_id"))
        }
    }
}
