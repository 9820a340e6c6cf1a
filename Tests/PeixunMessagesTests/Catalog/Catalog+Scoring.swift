import PeixunCodec
import PeixunMessages


extension Catalog {
    static let scoring: [MessageCase] = [
        .make(ScoreRecorded.self, family: ScoringFamily.name, [
            ScoreRecorded(
                score: IDs.command, lesson: IDs.lesson, instructor: IDs.instructor, member: IDs.member,
                content: 5, delivery: 4, usefulness: 5, comment: "讲得很透彻，联系小榄镇实际 👍", at: march2024(plus: 6_000),
                course: IDs.course3, organiser: IDs.partySchool, trainingClass: IDs.trainingClass, period: IDs.period,
                excellent: true, memberNumber: "GD-0001"),
            ScoreRecorded(score: IDs.command, content: 1, delivery: 1, usefulness: 1, comment: nil),
        ]) { g in
            ScoreRecorded(
                score: g.uuid(), lesson: g.uuid(), instructor: g.uuid(), member: g.uuid(), content: g.unsigned(),
                delivery: g.unsigned(), usefulness: g.unsigned(), comment: g.optional { $0.string() }, at: g.timestamp(),
                course: g.uuid(), organiser: g.uuid(), trainingClass: g.uuid(), period: g.uuid(), excellent: g.bool(),
                memberNumber: g.string())
        },
        .make(ExamRecorded.self, family: ScoringFamily.name, [
            ExamRecorded(
                member: IDs.member, period: IDs.period, score: 92.5, passed: true, at: march2024(plus: 86_400 * 30),
                trainingClass: IDs.trainingClass, passMark: 60, memberNumber: "GD-0001"),
        ]) { g in
            ExamRecorded(
                member: g.uuid(), period: g.uuid(), score: g.double(), passed: g.bool(), at: g.timestamp(),
                trainingClass: g.uuid(), passMark: g.double(), memberNumber: g.string())
        },
        .make(InstructorRatingUpdated.self, family: ScoringFamily.name, [
            InstructorRatingUpdated(
                instructor: IDs.instructor, raters: 37, excellentShare: 0.875, scores: 40, intervalLow: 0.74, intervalHigh: 0.95),
            InstructorRatingUpdated(instructor: IDs.instructor, raters: 4, excellentShare: nil, scores: 4),
        ]) { g in
            InstructorRatingUpdated(
                instructor: g.uuid(), raters: g.unsigned(), excellentShare: g.optional { $0.double() }, scores: g.unsigned(),
                intervalLow: g.optional { $0.double() }, intervalHigh: g.optional { $0.double() })
        },
        .make(CompletionConfirmed.self, family: ScoringFamily.name, [
            CompletionConfirmed(
                member: IDs.member, memberNumber: "GD-0001", period: IDs.period, trainingClass: IDs.trainingClass,
                organiser: IDs.partySchool, creditHours: 7.5, examScore: 86, year: 2024),
            CompletionConfirmed(member: IDs.member, memberNumber: "GD-0002", creditHours: 0, examScore: nil, year: 2024),
        ]) { g in
            CompletionConfirmed(
                member: g.uuid(), memberNumber: g.string(), period: g.uuid(), trainingClass: g.uuid(), organiser: g.uuid(),
                creditHours: g.double(), examScore: g.optional { $0.double() }, year: g.unsigned())
        },
    ]
}
