import PeixunTestSupport
import PeixunCodec
import PeixunMessages


/// Enrollment queries (the body of a request to service "enrollment.query") and their answers.
extension Catalog {
    static let enrollmentQueries: [MessageCase] = [
        .make(ShowMember.self, family: EnrollmentFamily.name, [ShowMember(memberNumber: "GD-0001")]) { g in
            ShowMember(memberNumber: g.string())
        },
        .make(MemberView.self, family: EnrollmentFamily.name, [
            MemberView(
                member: IDs.member, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01",
                branchName: "小榄镇永宁社区党委", categories: [.village, .branchSecretary],
                joinedParty: march2024(plus: -86_400 * 365 * 20),
                enrollments: [
                    MemberEnrollment(
                        classCode: "BJ-2024-XL-01", className: EnrollmentSamples.className, periodNumber: 1, status: .completed,
                        seat: 42, creditHours: 22.5),
                    MemberEnrollment(
                        classCode: "BJ-2024-XL-03", className: "2024年农村党员乡村振兴专题培训班", periodNumber: 2,
                        status: .waitlisted, seat: 3, creditHours: 0),
                ],
                creditHours: 22.5),
            // Just registered: no categories, no join date on the roster, no enrollments.
            MemberView(
                member: IDs.member3, memberNumber: "GD-0107", name: "欧阳娜娜", branchCode: "442000-XL-01",
                branchName: "小榄镇永宁社区党委", categories: [], joinedParty: nil, enrollments: [], creditHours: 0),
        ]) { g in
            MemberView(
                member: g.uuid(), memberNumber: g.string(), name: g.string(), branchCode: g.string(), branchName: g.string(),
                categories: g.list { $0.anyCase() }, joinedParty: g.optional { $0.timestamp() },
                enrollments: g.list {
                    MemberEnrollment(
                        classCode: $0.string(), className: $0.string(), periodNumber: $0.unsigned(), status: $0.anyCase(),
                        seat: $0.unsigned(), creditHours: $0.double())
                },
                creditHours: g.double())
        },
        .make(ShowOrganisationTree.self, family: EnrollmentFamily.name, [ShowOrganisationTree(code: "442000-XL")]) { g in
            ShowOrganisationTree(code: g.string())
        },
        .make(OrganisationTreeView.self, family: EnrollmentFamily.name, [
            OrganisationTreeView(nodes: [
                OrganisationNode(code: "442000-XL", name: "中山市小榄镇", kind: .town, parentCode: "442000", depth: 0, members: 0),
                OrganisationNode(
                    code: "442000-XL-01", name: "小榄镇永宁社区党委", kind: .village, parentCode: "442000-XL", depth: 1, members: 356),
                OrganisationNode(
                    code: "442000-XL-02", name: "小榄镇绩东一社区党委", kind: .village, parentCode: "442000-XL", depth: 1, members: 0),
            ]),
            OrganisationTreeView(nodes: [
                OrganisationNode(code: "442000", name: "中山市", kind: .city, parentCode: nil, depth: 0, members: 12),
            ]),
            OrganisationTreeView(nodes: []),
        ]) { g in
            OrganisationTreeView(nodes: g.list {
                OrganisationNode(
                    code: $0.string(), name: $0.string(), kind: $0.anyCase(), parentCode: $0.optional { $0.string() },
                    depth: $0.unsigned(), members: $0.unsigned())
            })
        },
        .make(ShowClass.self, family: EnrollmentFamily.name, [ShowClass(code: "BJ-2024-XL-01")]) { g in
            ShowClass(code: g.string())
        },
        .make(ClassView.self, family: EnrollmentFamily.name, [
            ClassView(
                trainingClass: IDs.trainingClass, code: "BJ-2024-XL-01", name: EnrollmentSamples.className,
                organiserCode: "442000-XL", organiserName: "中山市小榄镇", planCode: "JH-2024-XL", planStatus: .acknowledged,
                targetCategories: [.village, .community, .branchSecretary], completionPercent: 80, warnings: [],
                periods: [
                    PeriodView(
                        period: IDs.period, number: 1, start: march2024(), end: march2024(plus: 86_400 * 4 + 32_400),
                        capacity: 40, enrolled: 40, waitlisted: 3, closed: true,
                        lessons: [
                            LessonView(
                                lesson: IDs.lesson, courseCode: "KC-2024-001", courseName: EnrollmentSamples.courseName,
                                module: .politicalTheory, instructorCode: "SZ-0007", instructorName: "李娜",
                                start: march2024(), end: march2024(plus: 5_400), venueName: "中山市委党校大礼堂",
                                branchVenues: 2, mode: .live),
                            LessonView(
                                lesson: IDs.lesson2, courseCode: "KC-2024-031", courseName: "农村集体“三资”管理实务",
                                module: .businessKnowledge, instructorCode: "TZJ-0031", instructorName: "陈德华",
                                start: march2024(plus: 86_400), end: march2024(plus: 86_400 + 10_800),
                                venueName: "永宁社区党群服务中心", branchVenues: 0, mode: .onSite),
                        ]),
                    PeriodView(
                        period: IDs.period2, number: 2, start: march2024(plus: 86_400 * 35),
                        end: march2024(plus: 86_400 * 39 + 32_400), capacity: 40, enrolled: 0, waitlisted: 0, closed: false,
                        lessons: []),
                ]),
            // No plan, flagged, no periods yet.
            ClassView(
                trainingClass: IDs.trainingClass2, code: "BJ-2024-DX-07", name: "2024年两新组织党员教育培训班",
                organiserCode: "442000-DX", organiserName: "中共中山市委党校", planCode: nil, planStatus: .unfiled,
                targetCategories: [], completionPercent: 80,
                warnings: [ClassWarning(code: "class.unfiledPlan", message: "培训班未关联已备案的培训计划")], periods: []),
        ]) { g in
            ClassView(
                trainingClass: g.uuid(), code: g.string(), name: g.string(), organiserCode: g.string(),
                organiserName: g.string(), planCode: g.optional { $0.string() }, planStatus: g.anyCase(),
                targetCategories: g.list { $0.anyCase() }, completionPercent: g.unsigned(),
                warnings: g.list(randomClassWarning), periods: g.list(randomPeriodView))
        },
        .make(ListEnrollments.self, family: EnrollmentFamily.name, [ListEnrollments(classCode: "BJ-2024-XL-01", periodNumber: 1)]) { g in
            ListEnrollments(classCode: g.string(), periodNumber: g.unsigned())
        },
        .make(EnrollmentList.self, family: EnrollmentFamily.name, [
            EnrollmentList(entries: [
                EnrollmentLine(memberNumber: "GD-0001", name: "张伟", status: .enrolled, seat: 42),
                EnrollmentLine(memberNumber: "GD-0107", name: "欧阳娜娜", status: .waitlisted, seat: 1),
                EnrollmentLine(memberNumber: "GD-0002", name: "王芳", status: .cancelled, seat: 0),
            ]),
            EnrollmentList(entries: []),
        ]) { g in
            EnrollmentList(entries: g.list {
                EnrollmentLine(memberNumber: $0.string(), name: $0.string(), status: $0.anyCase(), seat: $0.unsigned())
            })
        },
        .make(ShowAttendance.self, family: EnrollmentFamily.name, [ShowAttendance(lesson: IDs.lesson)]) { g in
            ShowAttendance(lesson: g.uuid())
        },
        .make(AttendanceView.self, family: EnrollmentFamily.name, [
            AttendanceView(
                lesson: IDs.lesson, courseName: EnrollmentSamples.courseName, start: march2024(), end: march2024(plus: 5_400),
                enrolled: 40, checkedIn: 2,
                venues: [
                    VenueCount(code: "DX-A101", name: "中山市委党校大礼堂", capacity: 300, checkedIn: 1),
                    VenueCount(code: "XL-01", name: "小榄镇分会场", capacity: 80, checkedIn: 1),
                    VenueCount(code: "GZ-01", name: "古镇镇分会场", capacity: 60, checkedIn: 0),
                ],
                members: [
                    AttendanceLine(memberNumber: "GD-0001", name: "张伟", venueCode: "XL-01", at: march2024(plus: 120), method: .qrCode),
                    AttendanceLine(
                        memberNumber: "GD-0107", name: "欧阳娜娜", venueCode: "DX-A101", at: march2024(plus: 300), method: .roster),
                ]),
            // Before anyone arrived.
            AttendanceView(
                lesson: IDs.lesson, courseName: "开班仪式暨开班动员", start: march2024(), end: march2024(plus: 1_800),
                enrolled: 0, checkedIn: 0,
                venues: [VenueCount(code: "DX-A101", name: "中山市委党校大礼堂", capacity: 300, checkedIn: 0)], members: []),
        ]) { g in
            AttendanceView(
                lesson: g.uuid(), courseName: g.string(), start: g.timestamp(), end: g.timestamp(), enrolled: g.unsigned(),
                checkedIn: g.unsigned(),
                venues: g.list {
                    VenueCount(code: $0.string(), name: $0.string(), capacity: $0.unsigned(), checkedIn: $0.unsigned())
                },
                members: g.list {
                    AttendanceLine(
                        memberNumber: $0.string(), name: $0.string(), venueCode: $0.string(), at: $0.timestamp(),
                        method: $0.anyCase())
                })
        },
        .make(ShowCheckInCode.self, family: EnrollmentFamily.name, [ShowCheckInCode(lesson: IDs.lesson, classCode: "ZS-2024-001")]) { g in
            ShowCheckInCode(lesson: g.uuid(), classCode: g.string())
        },
        .make(CheckInCodeView.self, family: EnrollmentFamily.name, [
            CheckInCodeView(lesson: IDs.lesson, code: "48213079", validFrom: march2024(plus: 60), validUntil: march2024(plus: 120)),
        ]) { g in
            CheckInCodeView(lesson: g.uuid(), code: g.string(), validFrom: g.timestamp(), validUntil: g.timestamp())
        },
    ]

    static func randomLessonView(_ g: inout SplitMix64) -> LessonView {
        LessonView(
            lesson: g.uuid(), courseCode: g.string(), courseName: g.string(), module: g.anyCase(), instructorCode: g.string(),
            instructorName: g.string(), start: g.timestamp(), end: g.timestamp(), venueName: g.string(),
            branchVenues: g.unsigned(), mode: g.anyCase())
    }

    static func randomPeriodView(_ g: inout SplitMix64) -> PeriodView {
        PeriodView(
            period: g.uuid(), number: g.unsigned(), start: g.timestamp(), end: g.timestamp(), capacity: g.unsigned(),
            enrolled: g.unsigned(), waitlisted: g.unsigned(), closed: g.bool(), lessons: g.list(randomLessonView))
    }
}
