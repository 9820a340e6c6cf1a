import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// A town's dashboard on 1 March 2024 (ShowDashboard's answer), and random ones.
enum DashboardSamples {
    static let march1 = DashboardView(
        organisation: IDs.town, organisationCode: "442000-XL", organisationName: "中山市小榄镇", day: "2024-03-01",
        dayStart: march2024(plus: -30_600 - 8 * 3600), dayEnd: march2024(plus: 86_400 - 30_600 - 8 * 3600),
        cursors: [
            DashboardCursor(stream: StreamID(service: "enrollment", partition: 0), appliedThrough: 1_048_576),
            DashboardCursor(stream: StreamID(service: "scoring", partition: 0), appliedThrough: 0),
        ],
        lessons: [
            DashboardLesson(
                lesson: IDs.lesson, classCode: "XL-2024-01", className: "2024年农村党员轮训班", courseName: "二十届三中全会精神",
                start: march2024(), end: march2024(plus: 7_200),
                venues: [
                    DashboardVenue(venue: IDs.venue, code: "XL-101", name: "小榄镇党校101教室", capacity: 120, checkedIn: 97),
                    DashboardVenue(venue: IDs.member2, code: "YN-1", name: "永宁社区党群服务中心", capacity: 40, checkedIn: 41),
                ])
        ],
        checkInsPerMinute: [
            DashboardMinute(minute: march2024(plus: -600), checkIns: 12), DashboardMinute(minute: march2024(plus: -540), checkIns: 31),
        ],
        coverage: ReportingSamples.coverage, missedTraining: 60, month: "2024-03", memberTrainings: 180, enrollments: 240,
        plannedTrainees: 2_400,
        instructors: [
            DashboardInstructor(instructor: IDs.instructor, name: "欧阳教授", scores: 44, raters: 41, excellent: 40, excellenceRate: 40.0 / 44.0)
        ],
        flags: ReportingSamples.flags, organisations: [IDs.organisation, IDs.town])

    static func random(_ g: inout SplitMix64) -> DashboardView {
        DashboardView(
            organisation: g.uuid(), organisationCode: g.string(), organisationName: g.string(), day: g.string(),
            dayStart: g.timestamp(), dayEnd: g.timestamp(),
            cursors: g.list {
                DashboardCursor(stream: StreamID(service: $0.string(), partition: $0.unsigned()), appliedThrough: $0.unsigned())
            },
            lessons: g.list(lesson), checkInsPerMinute: g.list { DashboardMinute(minute: $0.timestamp(), checkIns: $0.unsigned()) },
            coverage: g.list(ReportingSamples.coverageRow), missedTraining: g.unsigned(), month: g.string(),
            memberTrainings: g.unsigned(), enrollments: g.unsigned(), plannedTrainees: g.unsigned(),
            instructors: g.list {
                DashboardInstructor(
                    instructor: $0.uuid(), name: $0.string(), scores: $0.unsigned(), raters: $0.unsigned(), excellent: $0.unsigned(),
                    excellenceRate: $0.double())
            },
            flags: g.list(ReportingSamples.flag), organisations: g.list { $0.uuid() })
    }

    static func lesson(_ g: inout SplitMix64) -> DashboardLesson {
        DashboardLesson(
            lesson: g.uuid(), classCode: g.string(), className: g.string(), courseName: g.string(), start: g.timestamp(),
            end: g.timestamp(),
            venues: g.list {
                DashboardVenue(venue: $0.uuid(), code: $0.string(), name: $0.string(), capacity: $0.unsigned(), checkedIn: $0.unsigned())
            })
    }
}
