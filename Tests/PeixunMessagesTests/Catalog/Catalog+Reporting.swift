import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// The reporting family: the published monthly report, the command that publishes it, the
/// queries and their answers.
extension Catalog {
    static let reporting: [MessageCase] = [
        .make(MonthlyReportPublished.self, family: ReportingFamily.name, [
            MonthlyReportPublished(report: ReportingSamples.march),
            MonthlyReportPublished(report: MonthlyReport(organisationCode: "442000", organisationName: "中山市", month: "2026-01")),
        ]) { g in
            MonthlyReportPublished(report: ReportingSamples.random(&g))
        },
        .make(PublishMonthlyReport.self, family: ReportingFamily.name, [
            PublishMonthlyReport(organisationCode: "442000-XL", month: "2024-03"),
        ]) { g in
            PublishMonthlyReport(organisationCode: g.string(), month: g.string())
        },
        .make(ShowMonthlyReport.self, family: ReportingFamily.name, [
            ShowMonthlyReport(organisationCode: "442000-XL", month: "2024-03"),
        ]) { g in
            ShowMonthlyReport(organisationCode: g.string(), month: g.string())
        },
        .make(MonthlyReportView.self, family: ReportingFamily.name, [
            MonthlyReportView(report: ReportingSamples.march, published: true),
        ]) { g in
            MonthlyReportView(report: ReportingSamples.random(&g), published: g.bool())
        },
        .make(ShowCoverage.self, family: ReportingFamily.name, [ShowCoverage(organisationCode: "442000", year: 2024)]) { g in
            ShowCoverage(organisationCode: g.string(), year: g.unsigned())
        },
        .make(CoverageView.self, family: ReportingFamily.name, [
            CoverageView(year: 2024, rows: ReportingSamples.coverage), CoverageView(year: 2025, rows: []),
        ]) { g in
            CoverageView(year: g.unsigned(), rows: g.list(ReportingSamples.coverageRow))
        },
        .make(ListFlags.self, family: ReportingFamily.name, [
            ListFlags(organisationCode: "442000-XL", year: 2024), ListFlags(organisationCode: nil, year: 2024),
        ]) { g in
            ListFlags(organisationCode: g.optional { $0.string() }, year: g.unsigned())
        },
        .make(FlagList.self, family: ReportingFamily.name, [FlagList(year: 2024, flags: ReportingSamples.flags)]) { g in
            FlagList(year: g.unsigned(), flags: g.list(ReportingSamples.flag))
        },
        .make(ShowDashboard.self, family: ReportingFamily.name, [ShowDashboard(organisationCode: "442000-XL", day: "2024-03-01")]) { g in
            ShowDashboard(organisationCode: g.string(), day: g.string())
        },
        .make(DashboardView.self, family: ReportingFamily.name, [
            DashboardSamples.march1, DashboardView(organisationCode: "442000", organisationName: "中山市", day: "2024-03-02"),
        ]) { g in
            DashboardSamples.random(&g)
        },
    ]
}

enum ReportingSamples {
    static let coverage = [
        CoverageRow(
            organisation: IDs.town, code: "442000-XL", name: "中山市小榄镇", depth: 0, rosterMembers: 1_250,
            trainedMembers: 1_190, coverage: 0.952),
        CoverageRow(
            organisation: IDs.organisation, code: "442000-XL-01", name: "小榄镇永宁社区党委", depth: 1, rosterMembers: 12,
            trainedMembers: 0, coverage: 0),
    ]

    static let flags = [
        Flag(
            kind: .missedTraining, subject: IDs.member2, subjectCode: "GD-0107", subjectName: "欧阳娜娜", organisation: IDs.organisation,
            organisationCode: "442000-XL-01", at: march2024(), detail: "截至2024-03月底，2024年未完成任何培训期次（漏训）"),
        Flag(
            kind: .checkInBurst, subject: IDs.lesson, subjectCode: "ZZ-01", subjectName: "二十届三中全会精神", organisation: IDs.town,
            organisationCode: "442000-XL", at: march2024(plus: -86_400), detail: "全部41人次签到来自同一来源「pad-3」，集中在12秒内"),
    ]

    static let march = MonthlyReport(
        organisation: IDs.town, organisationCode: "442000-XL", organisationName: "中山市小榄镇", month: "2024-03",
        windowStart: march2024(plus: -30_600 - 8 * 3600), windowEnd: march2024(plus: 31 * 86_400 - 30_600 - 8 * 3600),
        cityPlansFiled: 0, countyPlansFiled: 1, grassrootsPlansFiled: 23, classes: 6, periods: 9, lessonsScheduled: 44,
        lessonsHeld: 41, enrollments: 2_512, memberTrainings: 2_380, uniqueMembersTrained: 1_190, completionsConfirmed: 2_301,
        coverage: coverage, coverageChange: -17, scores: 1_980, excellentScores: 1_520, excellenceRate: 1_520.0 / 1_980.0,
        schools: [
            ExcellenceRow(
                organisation: IDs.town, code: "442000-XL", name: "小榄镇党校", scores: 1_980, excellent: 1_520,
                excellenceRate: 1_520.0 / 1_980.0)
        ],
        plans: [
            PlanVarianceRow(
                plan: IDs.trainingClass, code: "P-2024-XL", title: "小榄镇2024年党员教育培训计划", organisationCode: "442000-XL",
                year: 2024, plannedClasses: 12, deliveredClasses: 6, plannedPeriods: 18, deliveredPeriods: 9,
                plannedTrainees: 2_400, deliveredTrainees: 1_190)
        ],
        flags: flags)

    static func coverageRow(_ g: inout SplitMix64) -> CoverageRow {
        CoverageRow(
            organisation: g.uuid(), code: g.string(), name: g.string(), depth: g.unsigned(), rosterMembers: g.unsigned(),
            trainedMembers: g.unsigned(), coverage: g.double())
    }

    static func flag(_ g: inout SplitMix64) -> Flag {
        Flag(
            kind: g.anyCase(), subject: g.uuid(), subjectCode: g.string(), subjectName: g.string(), organisation: g.uuid(),
            organisationCode: g.string(), at: g.timestamp(), detail: g.string())
    }

    static func random(_ g: inout SplitMix64) -> MonthlyReport {
        MonthlyReport(
            organisation: g.uuid(), organisationCode: g.string(), organisationName: g.string(), month: g.string(),
            windowStart: g.timestamp(), windowEnd: g.timestamp(), cityPlansFiled: g.unsigned(), countyPlansFiled: g.unsigned(),
            grassrootsPlansFiled: g.unsigned(), classes: g.unsigned(), periods: g.unsigned(), lessonsScheduled: g.unsigned(),
            lessonsHeld: g.unsigned(), enrollments: g.unsigned(), memberTrainings: g.unsigned(),
            uniqueMembersTrained: g.unsigned(), completionsConfirmed: g.unsigned(), coverage: g.list(coverageRow),
            coverageChange: g.signed(), scores: g.unsigned(), excellentScores: g.unsigned(), excellenceRate: g.double(),
            schools: g.list {
                ExcellenceRow(
                    organisation: $0.uuid(), code: $0.string(), name: $0.string(), scores: $0.unsigned(), excellent: $0.unsigned(),
                    excellenceRate: $0.double())
            },
            plans: g.list {
                PlanVarianceRow(
                    plan: $0.uuid(), code: $0.string(), title: $0.string(), organisationCode: $0.string(), year: $0.unsigned(),
                    plannedClasses: $0.unsigned(), deliveredClasses: $0.unsigned(), plannedPeriods: $0.unsigned(),
                    deliveredPeriods: $0.unsigned(), plannedTrainees: $0.unsigned(), deliveredTrainees: $0.unsigned())
            },
            flags: g.list(flag))
    }
}
