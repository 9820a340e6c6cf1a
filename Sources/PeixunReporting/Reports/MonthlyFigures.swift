import GRDB
import PeixunMessages
import PeixunStore

/// The counts of a monthly report. What an organisation runs (plans, classes, periods, lessons)
/// counts by the filer or organiser being in scope; what members do (seats, completions) by the
/// member's branch being in scope.
struct MonthlyFigures {
    var plansByLevel: [PlanLevel: UInt32] = [:]
    var classes: UInt32 = 0
    var periods: UInt32 = 0
    var lessonsScheduled: UInt32 = 0
    var lessonsHeld: UInt32 = 0
    var enrollments: UInt32 = 0
    var memberTrainings: UInt32 = 0
    var uniqueMembersTrained: UInt32 = 0
    var completionsConfirmed: UInt32 = 0

    init(_ scope: Scope, _ window: ReportWindow, in db: Database) throws {
        let arguments = scope.arguments(window)
        for row in try db.rows(
            Scope.cte + """
                SELECT level, count(*) AS plans FROM plans
                WHERE organisation_id IN scope AND known_at >= :start AND known_at < :end GROUP BY level
                """, arguments)
        {
            if let level = PlanLevel(rawValue: row["level"]) { plansByLevel[level] = row.count("plans") }
        }
        // A class counts in the months it runs (has a lesson), not the month it was scheduled in.
        classes = UInt32(
            try db.int(
                Scope.cte + """
                    SELECT count(DISTINCT class_id) FROM lessons
                    WHERE organiser_id IN scope AND known_at < :end AND start >= :start AND start < :end
                    """, arguments))
        periods = UInt32(
            try db.int(
                Scope.cte + """
                    SELECT count(*) FROM periods p JOIN classes k ON k.id = p.class_id
                    WHERE k.organiser_id IN scope AND k.known_at < :end AND p.start >= :start AND p.start < :end
                    """, arguments))
        // A lesson is held when it has attendance evidence: at least one check-in.
        if let lessons = try db.row(
            Scope.cte + """
                SELECT count(*) AS scheduled,
                       sum(EXISTS (SELECT 1 FROM check_ins c WHERE c.lesson_id = l.id AND c.known_at < :end)) AS held
                FROM lessons l
                WHERE l.organiser_id IN scope AND l.known_at < :end AND l.start >= :start AND l.start < :end
                """, arguments)
        {
            (lessonsScheduled, lessonsHeld) = (lessons.count("scheduled"), lessons.count("held"))
        }
        enrollments = UInt32(
            try db.int(
                Scope.cte + """
                    SELECT count(*) FROM seats s JOIN members m ON m.id = s.member_id
                    WHERE m.branch_id IN scope AND s.known_at >= :start AND s.known_at < :end
                    """, arguments))
        if let trainings = try db.row(
            Scope.cte + """
                SELECT count(*) AS trainings, count(DISTINCT c.member_id) AS members
                FROM completions c JOIN members m ON m.id = c.member_id
                WHERE m.branch_id IN scope AND c.known_at >= :start AND c.known_at < :end
                """, arguments)
        {
            (memberTrainings, uniqueMembersTrained) = (trainings.count("trainings"), trainings.count("members"))
        }
        completionsConfirmed = UInt32(
            try db.int(
                Scope.cte + """
                    SELECT count(*) FROM confirmations c JOIN members m ON m.id = c.member_id
                    WHERE m.branch_id IN scope AND c.known_at >= :start AND c.known_at < :end
                    """, arguments))
    }
}
