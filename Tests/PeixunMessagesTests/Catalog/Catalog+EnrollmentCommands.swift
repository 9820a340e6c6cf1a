import PeixunTestSupport
import PeixunCodec
import PeixunMessages


/// Enrollment commands (the `command` of a CommandRequest to service "enrollment") and their results.
extension Catalog {
    static let enrollmentCommands: [MessageCase] = [
        .make(CreateOrganisation.self, family: EnrollmentFamily.name, [
            CreateOrganisation(code: "442000-XL-01", name: "小榄镇永宁社区党委", kind: .village, parentCode: "442000-XL"),
            CreateOrganisation(code: "442000", name: "中山市", kind: .city),
        ]) { g in
            CreateOrganisation(code: g.string(), name: g.string(), kind: g.anyCase(), parentCode: g.optional { $0.string() })
        },
        .make(OrganisationCreated.self, family: EnrollmentFamily.name, [
            OrganisationCreated(organisation: IDs.town, code: "442000-XL"),
        ]) { g in
            OrganisationCreated(organisation: g.uuid(), code: g.string())
        },
        .make(ImportRoster.self, family: EnrollmentFamily.name, [
            ImportRoster(entries: [
                RosterEntry(
                    line: 2, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01",
                    categories: [.village, .branchSecretary], joinedParty: march2024(plus: -86_400 * 365 * 20)),
                RosterEntry(line: 3, memberNumber: "GD-0002", name: "欧阳娜娜", branchCode: "442000-XL-01"),
            ], skipInvalid: true),
        ]) { g in
            ImportRoster(
                entries: g.list {
                    RosterEntry(
                        line: $0.unsigned(), memberNumber: $0.string(), name: $0.string(), branchCode: $0.string(),
                        categories: $0.list { $0.anyCase() }, joinedParty: $0.optional { $0.timestamp() })
                }, skipInvalid: g.bool())
        },
        .make(RosterImported.self, family: EnrollmentFamily.name, [
            RosterImported(registered: 1_250, unchanged: 3, skipped: [
                RosterEntryProblem(line: 7, code: "member.unknownBranch", message: "第7行：支部代码 442000-XX-99 不存在"),
            ]),
        ]) { g in
            RosterImported(
                registered: g.unsigned(), unchanged: g.unsigned(),
                skipped: g.list { RosterEntryProblem(line: $0.unsigned(), code: $0.string(), message: $0.string()) })
        },
        .make(AddCourse.self, family: EnrollmentFamily.name, [
            AddCourse(code: "KC-2024-001", name: EnrollmentSamples.courseName, module: .politicalTheory, creditHours: 3, mode: .classroom),
            AddCourse(code: "KC-2024-000", name: "开班仪式暨开班动员", module: .other, creditHours: 0, mode: .classroom),
            AddCourse(code: "KC-2024-031", name: "农村集体“三资”管理实务", module: .businessKnowledge, creditHours: 1.5, mode: .online),
        ]) { g in
            AddCourse(code: g.string(), name: g.string(), module: g.anyCase(), creditHours: g.double(), mode: g.anyCase())
        },
        .make(AddInstructor.self, family: EnrollmentFamily.name, [
            AddInstructor(code: "SZ-0007", name: "李娜", kind: .partySchoolTeacher, organisationCode: "442000-DX"),
            AddInstructor(code: "TZJ-0031", name: "陈德华", kind: .localExpert, organisationCode: "442000-XL"),
        ]) { g in
            AddInstructor(code: g.string(), name: g.string(), kind: g.anyCase(), organisationCode: g.string())
        },
        .make(FilePlan.self, family: EnrollmentFamily.name, [
            FilePlan(
                code: "JH-2024-XL", organisationCode: "442000-XL", level: .grassroots, year: 2024,
                title: "小榄镇2024年度党员教育培训计划", plannedClasses: 6, plannedPeriods: 12, plannedTrainees: 1_200),
            FilePlan(
                code: "JH-2024-ZS", organisationCode: "442000", level: .city, year: 2024, title: "中山市2024年党员教育培训工作计划",
                plannedClasses: 0, plannedPeriods: 0, plannedTrainees: 0),
        ]) { g in
            FilePlan(
                code: g.string(), organisationCode: g.string(), level: g.anyCase(), year: g.unsigned(), title: g.string(),
                plannedClasses: g.unsigned(), plannedPeriods: g.unsigned(), plannedTrainees: g.unsigned())
        },
        .make(AcknowledgePlan.self, family: EnrollmentFamily.name, [
            AcknowledgePlan(planCode: "JH-2024-XL", byOrganisationCode: "442000"),
        ]) { g in
            AcknowledgePlan(planCode: g.string(), byOrganisationCode: g.string())
        },
        .make(ScheduleClass.self, family: EnrollmentFamily.name, [
            ScheduleClass(
                code: "BJ-2024-XL-01", name: EnrollmentSamples.className, organiserCode: "442000-XL", planCode: "JH-2024-XL",
                targetCategories: [.village, .community, .branchSecretary], completionPercent: 80,
                periods: [
                    PeriodSpec(start: march2024(), end: march2024(plus: 86_400 * 4 + 32_400), capacity: 40),
                    PeriodSpec(start: march2024(plus: 86_400 * 35), end: march2024(plus: 86_400 * 39 + 32_400), capacity: 40),
                ], examPassMark: 60),
            // No plan, open to everyone, the default completion share, periods added later.
            ScheduleClass(
                code: "BJ-2024-DX-07", name: "2024年两新组织党员教育培训班", organiserCode: "442000-DX", planCode: nil,
                targetCategories: [], completionPercent: 0, periods: []),
        ]) { g in
            ScheduleClass(
                code: g.string(), name: g.string(), organiserCode: g.string(), planCode: g.optional { $0.string() },
                targetCategories: g.list { $0.anyCase() }, completionPercent: g.unsigned(),
                periods: g.list { PeriodSpec(start: $0.timestamp(), end: $0.timestamp(), capacity: $0.unsigned()) },
                examPassMark: g.optional { $0.double() })
        },
        .make(ScheduleLesson.self, family: EnrollmentFamily.name, [
            ScheduleLesson(
                classCode: "BJ-2024-XL-01", periodNumber: 1, courseCode: "KC-2024-001", instructorCode: "SZ-0007",
                start: march2024(), end: march2024(plus: 5_400),
                venue: VenueSpec(code: "DX-A101", name: "中山市委党校大礼堂", capacity: 300),
                branchVenues: [
                    VenueSpec(code: "XL-01", name: "小榄镇分会场", capacity: 80),
                    VenueSpec(code: "GZ-01", name: "古镇镇分会场", capacity: 60),
                ]),
            ScheduleLesson(
                classCode: "BJ-2024-XL-01", periodNumber: 2, courseCode: "KC-2024-031", instructorCode: "TZJ-0031",
                start: march2024(plus: 86_400 * 36), end: march2024(plus: 86_400 * 36 + 10_800),
                venue: VenueSpec(code: "YN-01", name: "永宁社区党群服务中心", capacity: 0), branchVenues: []),
        ]) { g in
            ScheduleLesson(
                classCode: g.string(), periodNumber: g.unsigned(), courseCode: g.string(), instructorCode: g.string(),
                start: g.timestamp(), end: g.timestamp(), venue: randomVenueSpec(&g), branchVenues: g.list(randomVenueSpec))
        },
        .make(LessonBooked.self, family: EnrollmentFamily.name, [
            LessonBooked(lesson: IDs.lesson, warnings: []),
            LessonBooked(lesson: IDs.lesson, warnings: [
                ClassWarning(code: "class.politicalTheoryShare", message: "政治理论课程应占三分之二，第1期目前为1/3"),
            ]),
        ]) { g in
            LessonBooked(lesson: g.uuid(), warnings: g.list(randomClassWarning))
        },
        .make(Enroll.self, family: EnrollmentFamily.name, [
            Enroll(memberNumber: "GD-0001", classCode: "BJ-2024-XL-01", periodNumber: 1),
        ]) { g in
            Enroll(memberNumber: g.string(), classCode: g.string(), periodNumber: g.unsigned())
        },
        .make(CancelEnrollment.self, family: EnrollmentFamily.name, [
            CancelEnrollment(memberNumber: "GD-0002", classCode: "BJ-2024-XL-01", periodNumber: 1, reason: "村（社区）换届工作冲突，改报第二期"),
            CancelEnrollment(memberNumber: "GD-0107", classCode: "BJ-2024-XL-01", periodNumber: 1, reason: ""),
        ]) { g in
            CancelEnrollment(memberNumber: g.string(), classCode: g.string(), periodNumber: g.unsigned(), reason: g.string())
        },
        .make(EnrollmentCancellation.self, family: EnrollmentFamily.name, [
            EnrollmentCancellation(enrollment: IDs.enrollment2, promotedMemberNumber: "GD-0107"),
            EnrollmentCancellation(enrollment: IDs.enrollment3, promotedMemberNumber: nil),
        ]) { g in
            EnrollmentCancellation(enrollment: g.uuid(), promotedMemberNumber: g.optional { $0.string() })
        },
        .make(CheckIn.self, family: EnrollmentFamily.name, [
            CheckIn(
                lesson: IDs.lesson, memberNumber: "GD-0001", method: .qrCode, code: "48213079", venueCode: "XL-01",
                deviceTime: march2024(plus: 117), source: "手机-GD-0001", classCode: "ZS-2024-001"),
            // Ticked on the roster at the main venue: no code, no device clock.
            CheckIn(lesson: IDs.lesson, memberNumber: "GD-0107", method: .roster, code: "", venueCode: "", deviceTime: nil),
        ]) { g in
            CheckIn(
                lesson: g.uuid(), memberNumber: g.string(), method: g.anyCase(), code: g.string(), venueCode: g.string(),
                deviceTime: g.optional { $0.timestamp() }, source: g.string(), classCode: g.string())
        },
        .make(CheckInRecorded.self, family: EnrollmentFamily.name, [
            CheckInRecorded(lesson: IDs.lesson, member: IDs.member, venue: IDs.town, at: march2024(plus: 120), repeated: false),
            CheckInRecorded(lesson: IDs.lesson, member: IDs.member, venue: IDs.town, at: march2024(plus: 120), repeated: true),
        ]) { g in
            CheckInRecorded(lesson: g.uuid(), member: g.uuid(), venue: g.uuid(), at: g.timestamp(), repeated: g.bool())
        },
        .make(ClosePeriod.self, family: EnrollmentFamily.name, [
            ClosePeriod(classCode: "BJ-2024-XL-01", periodNumber: 1),
        ]) { g in
            ClosePeriod(classCode: g.string(), periodNumber: g.unsigned())
        },
    ]

    static func randomVenueSpec(_ g: inout SplitMix64) -> VenueSpec {
        VenueSpec(code: g.string(), name: g.string(), capacity: g.unsigned())
    }
}
