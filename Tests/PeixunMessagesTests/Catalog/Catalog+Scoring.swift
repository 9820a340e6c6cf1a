import PeixunCodec
import PeixunMessages


extension Catalog {
    static let scoring: [MessageCase] = [
        .make(ScoreRecorded.self, family: ScoringFamily.name, [
            ScoreRecorded(
                score: IDs.command, lesson: IDs.lesson, instructor: IDs.instructor, member: IDs.member,
                content: 5, delivery: 4, usefulness: 5, comment: "讲得很透彻，联系小榄镇实际 👍", at: march2024(plus: 6_000)),
            ScoreRecorded(score: IDs.command, content: 1, delivery: 1, usefulness: 1, comment: nil),
        ]) { g in
            ScoreRecorded(
                score: g.uuid(), lesson: g.uuid(), instructor: g.uuid(), member: g.uuid(), content: g.unsigned(),
                delivery: g.unsigned(), usefulness: g.unsigned(), comment: g.optional { $0.string() }, at: g.timestamp())
        },
        .make(ExamRecorded.self, family: ScoringFamily.name, [
            ExamRecorded(member: IDs.member, period: IDs.period, score: 92.5, passed: true, at: march2024(plus: 86_400 * 30)),
        ]) { g in
            ExamRecorded(member: g.uuid(), period: g.uuid(), score: g.double(), passed: g.bool(), at: g.timestamp())
        },
        .make(InstructorRatingUpdated.self, family: ScoringFamily.name, [
            InstructorRatingUpdated(instructor: IDs.instructor, raters: 37, excellentShare: 0.875),
            InstructorRatingUpdated(instructor: IDs.instructor, raters: 4, excellentShare: nil),
        ]) { g in
            InstructorRatingUpdated(instructor: g.uuid(), raters: g.unsigned(), excellentShare: g.optional { $0.double() })
        },
    ]
}
