import PeixunTestSupport
import PeixunCodec
import PeixunMessages


/// Representative enrollment values, shared with the view and error-path tests.
enum EnrollmentSamples {
    static let town = OrganisationRegistered(
        organisation: IDs.town, parent: IDs.organisation, name: "中山市小榄镇", kind: .town, code: "442000-XL")
    static let city = OrganisationRegistered(organisation: IDs.organisation, parent: nil, name: "中山市", kind: .city, code: "442000")
    static let member = MemberRegistered(
        member: IDs.member, branch: IDs.town, name: "张伟", categories: [.village, .branchSecretary],
        joinedParty: WireTimestamp(microsecondsSinceEpoch: -86_400_000_000 * 365), memberNumber: "GD-0001",
        branchCode: "442000-XL-01")
    static let enrolled = MemberEnrolled(
        enrollment: IDs.command, member: IDs.member, period: IDs.period, trainingClass: IDs.trainingClass,
        organisation: IDs.town, memberName: "张伟", className: "2024年村（社区）党组织书记培训班",
        enrolledAt: march2024(plus: -86_400), seat: 42, waitlisted: false, categories: [.branchSecretary])
    static let lesson = LessonScheduled(
        lesson: IDs.lesson, period: IDs.period, courseName: "基层党组织建设", instructor: IDs.instructor,
        instructorName: "李娜", start: march2024(), end: march2024(plus: 5_400),
        venue: Venue(venue: IDs.venue, name: "中山市委党校", capacity: 300),
        branchVenues: [
            Venue(venue: IDs.town, name: "小榄镇分会场", capacity: 80),
            Venue(venue: IDs.organisation, name: "", capacity: 0),
        ],
        mode: .live, creditHours: 1.5, module: .politicalTheory)
    static let checkedIn = CheckedIn(
        lesson: IDs.lesson, member: IDs.member, venue: IDs.venue, at: march2024(plus: 120), method: .qrCode,
        clockSkewSeconds: -3)
}

extension Catalog {
    static let enrollment: [MessageCase] = [
        .make(OrganisationRegistered.self, family: EnrollmentFamily.name, [EnrollmentSamples.town, EnrollmentSamples.city]) { g in
            OrganisationRegistered(organisation: g.uuid(), parent: g.optional { $0.uuid() }, name: g.string(), kind: g.anyCase(), code: g.string())
        },
        .make(MemberRegistered.self, family: EnrollmentFamily.name, [EnrollmentSamples.member]) { g in
            MemberRegistered(
                member: g.uuid(), branch: g.uuid(), name: g.string(), categories: g.list { $0.anyCase() },
                joinedParty: g.timestamp(), memberNumber: g.string(), branchCode: g.string())
        },
        .make(MemberEnrolled.self, family: EnrollmentFamily.name, [EnrollmentSamples.enrolled]) { g in
            MemberEnrolled(
                enrollment: g.uuid(), member: g.uuid(), period: g.uuid(), trainingClass: g.uuid(), organisation: g.uuid(),
                memberName: g.string(), className: g.string(), enrolledAt: g.timestamp(), seat: g.unsigned(),
                waitlisted: g.bool(), categories: g.list { $0.anyCase() })
        },
        .make(LessonScheduled.self, family: EnrollmentFamily.name, [EnrollmentSamples.lesson]) { g in
            LessonScheduled(
                lesson: g.uuid(), period: g.uuid(), courseName: g.string(), instructor: g.uuid(), instructorName: g.string(),
                start: g.timestamp(), end: g.timestamp(), venue: randomVenue(&g), branchVenues: g.list(randomVenue),
                mode: g.anyCase(), creditHours: g.double(), module: .politicalTheory)
        },
        .make(CheckedIn.self, family: EnrollmentFamily.name, [EnrollmentSamples.checkedIn]) { g in
            CheckedIn(lesson: g.uuid(), member: g.uuid(), venue: g.uuid(), at: g.timestamp(), method: g.anyCase(), clockSkewSeconds: g.signed())
        },
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
    ]

    static func randomVenue(_ g: inout SplitMix64) -> Venue {
        Venue(venue: g.uuid(), name: g.string(), capacity: g.unsigned())
    }
}
