import PeixunTestSupport
import PeixunCodec
import PeixunMessages


/// Ids used by the enrollment samples beyond the shared ones.
extension IDs {
    static let member3 = uuid("3d4e5f60-7182-4a93-b4c5-d6e7f8091a2b")
    static let partySchool = uuid("d1e2f3a4-b5c6-47d8-99e0-f1a2b3c4d5e6")
    static let course = uuid("c0c0a5e0-0001-4a00-8c00-000000000001")
    static let course2 = uuid("c0c0a5e0-0002-4a00-8c00-000000000002")
    static let course3 = uuid("c0c0a5e0-0003-4a00-8c00-000000000003")
    static let instructor2 = uuid("fedcba98-7654-4321-8fed-cba987650002")
    static let plan = uuid("9a1a2b3c-4d5e-4f60-8172-8394a5b6c7d8")
    static let cityPlan = uuid("9a1a2b3c-4d5e-4f60-8172-8394a5b60001")
    static let period2 = uuid("a0a1a2a3-b4b5-4c6c-9d7d-e8e9eaeb0002")
    static let trainingClass2 = uuid("c1c2c3c4-d5d6-47e7-88f8-090a0b0c0002")
    static let enrollment2 = uuid("e0e0e0e0-0000-4000-8000-000000000002")
    static let lesson2 = uuid("00112233-4455-4677-8899-aabbccdd0002")
    static let enrollment3 = uuid("e0e0e0e0-0000-4000-8000-000000000003")
}

/// Representative enrollment values, shared with the view and error-path tests.
enum EnrollmentSamples {
    static let className = "2024年村（社区）党组织书记培训班"
    static let courseName = "习近平新时代中国特色社会主义思想概论"

    static let town = OrganisationRegistered(
        organisation: IDs.town, parent: IDs.organisation, name: "中山市小榄镇", kind: .town, code: "442000-XL")
    static let city = OrganisationRegistered(organisation: IDs.organisation, parent: nil, name: "中山市", kind: .city, code: "442000")
    static let member = MemberRegistered(
        member: IDs.member, branch: IDs.town, name: "张伟", categories: [.village, .branchSecretary],
        joinedParty: WireTimestamp(microsecondsSinceEpoch: -86_400_000_000 * 365), memberNumber: "GD-0001",
        branchCode: "442000-XL-01")
    static let enrolled = MemberEnrolled(
        enrollment: IDs.command, member: IDs.member, period: IDs.period, trainingClass: IDs.trainingClass,
        organisation: IDs.town, memberName: "张伟", className: className,
        enrolledAt: march2024(plus: -86_400), seat: 42, waitlisted: false, categories: [.branchSecretary],
        memberNumber: "GD-0001", periodNumber: 1)
    static let lesson = LessonScheduled(
        lesson: IDs.lesson, period: IDs.period, courseName: "基层党组织建设", instructor: IDs.instructor,
        instructorName: "李娜", start: march2024(), end: march2024(plus: 5_400),
        venue: Venue(venue: IDs.venue, name: "中山市委党校", capacity: 300, code: "DX-A101"),
        branchVenues: [
            Venue(venue: IDs.town, name: "小榄镇分会场", capacity: 80, code: "XL-01"),
            Venue(venue: IDs.organisation, name: "", capacity: 0, code: ""),
        ],
        mode: .live, creditHours: 1.5, trainingClass: IDs.trainingClass, course: IDs.course3, courseCode: "KC-2024-012",
        module: .theoryEducation, organiser: IDs.town, instructorCode: "SZ-0007")
    static let checkedIn = CheckedIn(
        lesson: IDs.lesson, member: IDs.member, venue: IDs.venue, at: march2024(plus: 120), method: .qrCode,
        clockSkewSeconds: -3, period: IDs.period, trainingClass: IDs.trainingClass, memberNumber: "GD-0001",
        source: "kiosk-XL-01")
}

extension Catalog {
    /// The enrollment family: its events here, its commands and queries beside this file.
    static let enrollment: [MessageCase] = enrollmentEvents + enrollmentCommands + enrollmentQueries

    static let enrollmentEvents: [MessageCase] = [
        .make(OrganisationRegistered.self, family: EnrollmentFamily.name, [EnrollmentSamples.town, EnrollmentSamples.city]) { g in
            OrganisationRegistered(organisation: g.uuid(), parent: g.optional { $0.uuid() }, name: g.string(), kind: g.anyCase(), code: g.string())
        },
        .make(MemberRegistered.self, family: EnrollmentFamily.name, [EnrollmentSamples.member]) { g in
            MemberRegistered(
                member: g.uuid(), branch: g.uuid(), name: g.string(), categories: g.list { $0.anyCase() },
                joinedParty: g.timestamp(), memberNumber: g.string(), branchCode: g.string())
        },
        .make(CourseAdded.self, family: EnrollmentFamily.name, [
            CourseAdded(
                course: IDs.course, code: "KC-2024-001", name: EnrollmentSamples.courseName, module: .politicalTheory,
                creditHours: 3, mode: .classroom),
            // The opening ceremony: in the catalogue, credited with nothing.
            CourseAdded(course: IDs.course2, code: "KC-2024-000", name: "开班仪式暨开班动员", module: .other, creditHours: 0, mode: .classroom),
        ]) { g in
            CourseAdded(course: g.uuid(), code: g.string(), name: g.string(), module: g.anyCase(), creditHours: g.double(), mode: g.anyCase())
        },
        .make(InstructorAdded.self, family: EnrollmentFamily.name, [
            InstructorAdded(
                instructor: IDs.instructor, code: "SZ-0007", name: "李娜", kind: .partySchoolTeacher,
                organisation: IDs.partySchool, organisationCode: "442000-DX"),
            InstructorAdded(
                instructor: IDs.instructor2, code: "TZJ-0031", name: "陈德华", kind: .localExpert,
                organisation: IDs.town, organisationCode: "442000-XL"),
        ]) { g in
            InstructorAdded(
                instructor: g.uuid(), code: g.string(), name: g.string(), kind: g.anyCase(), organisation: g.uuid(),
                organisationCode: g.string())
        },
        .make(PlanFiled.self, family: EnrollmentFamily.name, [
            PlanFiled(
                plan: IDs.plan, code: "JH-2024-XL", organisation: IDs.town, organisationCode: "442000-XL",
                superior: IDs.organisation, superiorCode: "442000", level: .grassroots, year: 2024,
                title: "小榄镇2024年度党员教育培训计划", plannedClasses: 6, plannedPeriods: 12, plannedTrainees: 1_200),
            // A city plan: no superior in the tree.
            PlanFiled(
                plan: IDs.cityPlan, code: "JH-2024-ZS", organisation: IDs.organisation, organisationCode: "442000",
                superior: nil, superiorCode: nil, level: .city, year: 2024, title: "中山市2024年党员教育培训工作计划",
                plannedClasses: 0, plannedPeriods: 0, plannedTrainees: 0),
        ]) { g in
            PlanFiled(
                plan: g.uuid(), code: g.string(), organisation: g.uuid(), organisationCode: g.string(),
                superior: g.optional { $0.uuid() }, superiorCode: g.optional { $0.string() }, level: g.anyCase(),
                year: g.unsigned(), title: g.string(), plannedClasses: g.unsigned(), plannedPeriods: g.unsigned(),
                plannedTrainees: g.unsigned())
        },
        .make(PlanAcknowledged.self, family: EnrollmentFamily.name, [
            PlanAcknowledged(plan: IDs.plan, code: "JH-2024-XL", acknowledgedBy: IDs.organisation, acknowledgedByCode: "442000"),
        ]) { g in
            PlanAcknowledged(plan: g.uuid(), code: g.string(), acknowledgedBy: g.uuid(), acknowledgedByCode: g.string())
        },
        .make(ClassScheduled.self, family: EnrollmentFamily.name, [
            ClassScheduled(
                trainingClass: IDs.trainingClass, code: "BJ-2024-XL-01", name: EnrollmentSamples.className,
                organiser: IDs.town, organiserCode: "442000-XL", organiserName: "中山市小榄镇", plan: IDs.plan,
                planCode: "JH-2024-XL", planStatus: .acknowledged, targetCategories: [.village, .community, .branchSecretary],
                completionPercent: 80,
                periods: [
                    PeriodSummary(period: IDs.period, number: 1, start: march2024(), end: march2024(plus: 86_400 * 4 + 32_400), capacity: 40),
                    PeriodSummary(
                        period: IDs.period2, number: 2, start: march2024(plus: 86_400 * 35),
                        end: march2024(plus: 86_400 * 39 + 32_400), capacity: 40),
                ],
                warnings: []),
            // No plan, open to every member, flagged.
            ClassScheduled(
                trainingClass: IDs.trainingClass2, code: "BJ-2024-DX-07", name: "2024年两新组织党员教育培训班",
                organiser: IDs.partySchool, organiserCode: "442000-DX", organiserName: "中共中山市委党校", plan: nil,
                planCode: nil, planStatus: .unfiled, targetCategories: [], completionPercent: 100,
                periods: [PeriodSummary(period: IDs.period2, number: 1, start: march2024(plus: 86_400 * 10), end: march2024(plus: 86_400 * 10), capacity: 0)],
                warnings: [
                    ClassWarning(code: "class.unfiledPlan", message: "培训班未关联已备案的培训计划"),
                    ClassWarning(code: "class.firstLessonNotPoliticalTheory", message: "第一课应为政治理论课程"),
                ]),
        ]) { g in
            ClassScheduled(
                trainingClass: g.uuid(), code: g.string(), name: g.string(), organiser: g.uuid(), organiserCode: g.string(),
                organiserName: g.string(), plan: g.optional { $0.uuid() }, planCode: g.optional { $0.string() },
                planStatus: g.anyCase(), targetCategories: g.list { $0.anyCase() }, completionPercent: g.unsigned(),
                periods: g.list(randomPeriodSummary), warnings: g.list(randomClassWarning),
                examPassMark: g.optional { $0.double() })
        },
        .make(MemberEnrolled.self, family: EnrollmentFamily.name, [
            EnrollmentSamples.enrolled,
            // Waitlisted, no categories.
            MemberEnrolled(
                enrollment: IDs.enrollment3, member: IDs.member3, period: IDs.period, trainingClass: IDs.trainingClass,
                organisation: IDs.town, memberName: "欧阳娜娜", className: EnrollmentSamples.className,
                enrolledAt: march2024(plus: -3_600), seat: 1, waitlisted: true, categories: [], memberNumber: "GD-0107",
                periodNumber: 1),
        ]) { g in
            MemberEnrolled(
                enrollment: g.uuid(), member: g.uuid(), period: g.uuid(), trainingClass: g.uuid(), organisation: g.uuid(),
                memberName: g.string(), className: g.string(), enrolledAt: g.timestamp(), seat: g.unsigned(),
                waitlisted: g.bool(), categories: g.list { $0.anyCase() }, memberNumber: g.string(), periodNumber: g.unsigned())
        },
        .make(EnrollmentCancelled.self, family: EnrollmentFamily.name, [
            EnrollmentCancelled(
                enrollment: IDs.enrollment2, member: IDs.member2, period: IDs.period, trainingClass: IDs.trainingClass,
                wasWaitlisted: false, reason: "村（社区）换届工作冲突，改报第二期", memberNumber: "GD-0002"),
            EnrollmentCancelled(
                enrollment: IDs.enrollment3, member: IDs.member3, period: IDs.period, trainingClass: IDs.trainingClass,
                wasWaitlisted: true, reason: "", memberNumber: "GD-0107"),
        ]) { g in
            EnrollmentCancelled(
                enrollment: g.uuid(), member: g.uuid(), period: g.uuid(), trainingClass: g.uuid(), wasWaitlisted: g.bool(),
                reason: g.string(), memberNumber: g.string())
        },
        .make(WaitlistPromoted.self, family: EnrollmentFamily.name, [
            WaitlistPromoted(
                enrollment: IDs.enrollment3, member: IDs.member3, period: IDs.period, trainingClass: IDs.trainingClass,
                seat: 40, memberNumber: "GD-0107", memberName: "欧阳娜娜"),
        ]) { g in
            WaitlistPromoted(
                enrollment: g.uuid(), member: g.uuid(), period: g.uuid(), trainingClass: g.uuid(), seat: g.unsigned(),
                memberNumber: g.string(), memberName: g.string())
        },
        .make(DuplicateTrainingRefused.self, family: EnrollmentFamily.name, [
            DuplicateTrainingRefused(
                member: IDs.member, memberNumber: "GD-0001", memberName: "张伟", trainingClass: IDs.trainingClass2,
                period: IDs.period2, course: IDs.course, courseName: EnrollmentSamples.courseName,
                earlierClass: IDs.trainingClass, earlierClassName: EnrollmentSamples.className, earlierPeriod: IDs.period,
                earlierSchool: IDs.partySchool, earlierSchoolName: "中共中山市委党校",
                earlierCompletedAt: march2024(plus: 86_400 * 4 + 32_400)),
        ]) { g in
            DuplicateTrainingRefused(
                member: g.uuid(), memberNumber: g.string(), memberName: g.string(), trainingClass: g.uuid(), period: g.uuid(),
                course: g.uuid(), courseName: g.string(), earlierClass: g.uuid(), earlierClassName: g.string(),
                earlierPeriod: g.uuid(), earlierSchool: g.uuid(), earlierSchoolName: g.string(),
                earlierCompletedAt: g.timestamp())
        },
        .make(LessonScheduled.self, family: EnrollmentFamily.name, [EnrollmentSamples.lesson]) { g in
            LessonScheduled(
                lesson: g.uuid(), period: g.uuid(), courseName: g.string(), instructor: g.uuid(), instructorName: g.string(),
                start: g.timestamp(), end: g.timestamp(), venue: randomVenue(&g), branchVenues: g.list(randomVenue),
                mode: g.anyCase(), creditHours: g.double(), trainingClass: g.uuid(), course: g.uuid(), courseCode: g.string(),
                module: g.anyCase(), organiser: g.uuid(), instructorCode: g.string())
        },
        .make(CheckedIn.self, family: EnrollmentFamily.name, [EnrollmentSamples.checkedIn]) { g in
            CheckedIn(
                lesson: g.uuid(), member: g.uuid(), venue: g.uuid(), at: g.timestamp(), method: g.anyCase(),
                clockSkewSeconds: g.signed(), period: g.uuid(), trainingClass: g.uuid(), memberNumber: g.string(),
                source: g.string())
        },
        .make(PeriodCompleted.self, family: EnrollmentFamily.name, [
            PeriodCompleted(
                member: IDs.member, memberNumber: "GD-0001", period: IDs.period, trainingClass: IDs.trainingClass,
                organiser: IDs.town, lessons: 12, attended: 10, creditHours: 22.5, courses: [IDs.course, IDs.course3], year: 2024),
            // A period without lessons: nothing attended, nothing credited.
            PeriodCompleted(
                member: IDs.member2, memberNumber: "GD-0002", period: IDs.period2, trainingClass: IDs.trainingClass2,
                organiser: IDs.partySchool, lessons: 0, attended: 0, creditHours: 0, courses: [], year: 2024),
        ]) { g in
            PeriodCompleted(
                member: g.uuid(), memberNumber: g.string(), period: g.uuid(), trainingClass: g.uuid(), organiser: g.uuid(),
                lessons: g.unsigned(), attended: g.unsigned(), creditHours: g.double(), courses: g.list { $0.uuid() },
                year: g.unsigned())
        },
        .make(PeriodClosed.self, family: EnrollmentFamily.name, [
            PeriodClosed(period: IDs.period, trainingClass: IDs.trainingClass, completed: 37, notCompleted: 3, lessons: 12),
            PeriodClosed(period: IDs.period2, trainingClass: IDs.trainingClass2, completed: 0, notCompleted: 0, lessons: 0),
        ]) { g in
            PeriodClosed(
                period: g.uuid(), trainingClass: g.uuid(), completed: g.unsigned(), notCompleted: g.unsigned(), lessons: g.unsigned())
        },
    ]

    static func randomVenue(_ g: inout SplitMix64) -> Venue {
        Venue(venue: g.uuid(), name: g.string(), capacity: g.unsigned(), code: g.string())
    }

    static func randomPeriodSummary(_ g: inout SplitMix64) -> PeriodSummary {
        PeriodSummary(period: g.uuid(), number: g.unsigned(), start: g.timestamp(), end: g.timestamp(), capacity: g.unsigned())
    }

    static func randomClassWarning(_ g: inout SplitMix64) -> ClassWarning {
        ClassWarning(code: g.string(), message: g.string())
    }
}
