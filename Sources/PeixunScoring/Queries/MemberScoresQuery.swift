import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// ShowMemberScores: a member's own scores, oldest first, and exam results by class and period.
enum MemberScoresQuery {
    static func show(_ query: ShowMemberScores, in db: Database) throws -> MemberScoreSheet {
        let member = try MemberRecord.find(number: query.memberNumber, in: db)
        let memberID = StoredUUID.encode(member.id)
        let scores = try db.rows(
            """
            SELECT s.lesson_id, l.course_name, l.instructor_name, s.content, s.delivery, s.usefulness, s.excellent, s.at
            FROM scores s JOIN lessons l ON l.id = s.lesson_id
            WHERE s.member_id = ? ORDER BY s.at, s.rowid
            """, [memberID]
        ).map { row in
            ScoreSheetLine(
                lesson: try StoredUUID.decode(row["lesson_id"]), courseName: row["course_name"],
                instructorName: row["instructor_name"], content: row["content"], delivery: row["delivery"],
                usefulness: row["usefulness"], excellent: row["excellent"], at: WireTimestamp(stored: row["at"]))
        }
        let exams = try db.rows(
            """
            SELECT c.code, c.name, p.number, e.score, e.pass_mark, e.passed, e.at,
                EXISTS (SELECT 1 FROM confirmations k WHERE k.member_id = e.member_id AND k.period_id = e.period_id) AS confirmed
            FROM exams e JOIN periods p ON p.id = e.period_id JOIN classes c ON c.id = p.class_id
            WHERE e.member_id = ? ORDER BY e.at
            """, [memberID]
        ).map { row in
            ExamSheetLine(
                classCode: row["code"], className: row["name"], periodNumber: row["number"], score: row["score"],
                passMark: row["pass_mark"], passed: row["passed"], at: WireTimestamp(stored: row["at"]),
                completionConfirmed: row["confirmed"])
        }
        return MemberScoreSheet(memberNumber: member.number, name: member.name, scores: scores, exams: exams)
    }
}
