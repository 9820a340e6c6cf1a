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
        .make(SubmitScore.self, family: ScoringFamily.name, [
            SubmitScore(
                lesson: IDs.lesson, memberNumber: "GD-0001", content: 5, delivery: 4, usefulness: 5,
                comment: "讲得很透彻，联系小榄镇实际 👍"),
            SubmitScore(lesson: IDs.lesson, memberNumber: "GD-0002", content: 3, delivery: 3, usefulness: 2, comment: nil),
        ]) { g in
            SubmitScore(
                lesson: g.uuid(), memberNumber: g.string(), content: g.unsigned(), delivery: g.unsigned(),
                usefulness: g.unsigned(), comment: g.optional { $0.string() })
        },
        .make(RecordExam.self, family: ScoringFamily.name, [
            RecordExam(memberNumber: "GD-0001", classCode: "BJ-2024-XL-01", periodNumber: 2, score: 86.5),
        ]) { g in
            RecordExam(memberNumber: g.string(), classCode: g.string(), periodNumber: g.unsigned(), score: g.double())
        },
        .make(ShowExcellence.self, family: ScoringFamily.name, [
            ShowExcellence(scope: .instructor, code: "T-01"), ShowExcellence(scope: .school, code: "442000-DX"),
        ]) { g in
            ShowExcellence(scope: g.anyCase(), code: g.string())
        },
        .make(ExcellenceView.self, family: ScoringFamily.name, [
            ExcellenceView(
                scope: .instructor, code: "T-01", name: "李娜", raters: 37, scores: 40, excellent: 35, excellentShare: 0.875,
                intervalLow: 0.7387, intervalHigh: 0.9519, minimumRaters: 5),
            // Hidden: fewer than five raters.
            ExcellenceView(scope: .course, code: "GT-01", name: "习近平新时代中国特色社会主义思想概论", raters: 4, scores: 4, minimumRaters: 5),
        ]) { g in
            ExcellenceView(
                scope: g.anyCase(), code: g.string(), name: g.string(), raters: g.unsigned(), scores: g.unsigned(),
                excellent: g.unsigned(), excellentShare: g.optional { $0.double() }, intervalLow: g.optional { $0.double() },
                intervalHigh: g.optional { $0.double() }, minimumRaters: g.unsigned())
        },
        .make(ShowMemberScores.self, family: ScoringFamily.name, [ShowMemberScores(memberNumber: "GD-0001")]) { g in
            ShowMemberScores(memberNumber: g.string())
        },
        .make(MemberScoreSheet.self, family: ScoringFamily.name, [
            MemberScoreSheet(
                memberNumber: "GD-0001", name: "张伟",
                scores: [
                    ScoreSheetLine(
                        lesson: IDs.lesson, courseName: "乡村振兴产业发展", instructorName: "王建国", content: 5, delivery: 5,
                        usefulness: 4, excellent: true, at: march2024(plus: 6_000)),
                ],
                exams: [
                    ExamSheetLine(
                        classCode: "BJ-2024-XL-01", className: "小榄镇党员冬训班", periodNumber: 1, score: 86, passMark: 60,
                        passed: true, at: march2024(plus: 86_400 * 5), completionConfirmed: true),
                ]),
            MemberScoreSheet(memberNumber: "GD-0107", name: "欧阳娜娜", scores: [], exams: []),
        ]) { g in
            MemberScoreSheet(
                memberNumber: g.string(), name: g.string(),
                scores: g.list {
                    ScoreSheetLine(
                        lesson: $0.uuid(), courseName: $0.string(), instructorName: $0.string(), content: $0.unsigned(),
                        delivery: $0.unsigned(), usefulness: $0.unsigned(), excellent: $0.bool(), at: $0.timestamp())
                },
                exams: g.list {
                    ExamSheetLine(
                        classCode: $0.string(), className: $0.string(), periodNumber: $0.unsigned(), score: $0.double(),
                        passMark: $0.double(), passed: $0.bool(), at: $0.timestamp(), completionConfirmed: $0.bool())
                })
        },
    ]
}
