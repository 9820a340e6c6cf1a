import PeixunCodec
import PeixunMessages


extension Catalog {
    static let reporting: [MessageCase] = [
        .make(MonthlyReportPublished.self, family: ReportingFamily.name, [
            MonthlyReportPublished(
                organisation: IDs.town, month: "2024-03", classes: 6, lessonsHeld: 41, memberTrainings: 2_380,
                uniqueMembersTrained: 1_190,
                coverage: [
                    CoverageRow(organisation: IDs.town, trainedMembers: 1_190, rosterMembers: 1_250),
                    CoverageRow(organisation: IDs.organisation, trainedMembers: 0, rosterMembers: 12),
                ],
                flags: [
                    Flag(kind: .missed, subject: IDs.member2, detail: "三月未参加任何培训（漏训）"),
                    Flag(kind: .duplicate, subject: IDs.member, detail: "同一课程重复签到"),
                ],
                coverageChange: -17),
        ]) { g in
            MonthlyReportPublished(
                organisation: g.uuid(), month: g.string(), classes: g.unsigned(), lessonsHeld: g.unsigned(),
                memberTrainings: g.unsigned(), uniqueMembersTrained: g.unsigned(),
                coverage: g.list { CoverageRow(organisation: $0.uuid(), trainedMembers: $0.unsigned(), rosterMembers: $0.unsigned()) },
                flags: g.list { Flag(kind: $0.anyCase(), subject: $0.uuid(), detail: $0.string()) },
                coverageChange: g.signed())
        },
    ]
}
