import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Duplicate training (重复培训): a member enrolling in a period with a course they already
/// completed in the same year (China time) — found from the courses of the period's lessons
/// scheduled so far, against the courses of the periods the member completed. The earliest such
/// completion is named, and of courses completed at the same moment the first by code: the same
/// refusal whatever ids a run drew.
enum DuplicateTraining {
    struct Found {
        let event: DuplicateTrainingRefused
        let message: String
    }

    static func find(_ member: MemberRecord, period: PeriodRecord, trainingClass: ClassRecord, in db: Database) throws -> Found? {
        let found = try db.first(
            """
            SELECT cc.course_id, co.name AS course, cc.period_id, cc.completed_at, k.id AS class_id, k.name AS class,
                   o.id AS school_id, o.name AS school
            FROM completed_courses cc
            JOIN courses co ON co.id = cc.course_id
            JOIN periods p ON p.id = cc.period_id JOIN classes k ON k.id = p.class_id
            JOIN organisations o ON o.id = k.organiser_id
            WHERE cc.member_id = ? AND cc.year = ?
              AND cc.course_id IN (SELECT course_id FROM lessons WHERE period_id = ?)
            ORDER BY cc.completed_at, co.code LIMIT 1
            """, [.uuid(member.id), .int(Int64(period.start.chinaYear)), .uuid(period.id)]
        ) { earlier in
            DuplicateTrainingRefused(
                member: member.id, memberNumber: member.number, memberName: member.name, trainingClass: trainingClass.id,
                period: period.id, course: try earlier.uuid(0), courseName: earlier.text(1),
                earlierClass: try earlier.uuid(4), earlierClassName: earlier.text(5),
                earlierPeriod: try earlier.uuid(2), earlierSchool: try earlier.uuid(6),
                earlierSchoolName: earlier.text(7), earlierCompletedAt: WireTimestamp(microsecondsSinceEpoch: earlier.int(3)))
        }
        guard let event = found else { return nil }
        let completedAt = event.earlierCompletedAt
        let message =
            "\(member.name) (\(member.number)) already completed \(event.courseName) in \(period.start.chinaYear): \(event.earlierClassName) at \(event.earlierSchoolName), completed \(completedAt)"
        return Found(event: event, message: message)
    }
}
