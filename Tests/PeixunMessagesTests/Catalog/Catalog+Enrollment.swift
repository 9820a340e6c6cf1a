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
        joinedParty: WireTimestamp(microsecondsSinceEpoch: -86_400_000_000 * 365))
    static let enrolled = MemberEnrolled(
        enrollment: IDs.command, member: IDs.member, period: IDs.period, trainingClass: IDs.trainingClass,
        organisation: IDs.town, memberName: "张伟", className: "2024年村（社区）党组织书记培训班",
        enrolledAt: march2024(plus: -86_400), seat: 42, waitlisted: false, categories: [.branchSecretary])
    static let lesson = LessonScheduled(
        lesson: IDs.lesson, period: IDs.period, course: "基层党组织建设", instructor: IDs.instructor,
        instructorName: "李娜", start: march2024(), end: march2024(plus: 5_400),
        venue: Venue(venue: IDs.venue, name: "中山市委党校", capacity: 300),
        branchVenues: [
            Venue(venue: IDs.town, name: "小榄镇分会场", capacity: 80),
            Venue(venue: IDs.organisation, name: "", capacity: 0),
        ],
        mode: .live, creditHours: 1.5)
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
            MemberRegistered(member: g.uuid(), branch: g.uuid(), name: g.string(), categories: g.list { $0.anyCase() }, joinedParty: g.timestamp())
        },
        .make(MemberEnrolled.self, family: EnrollmentFamily.name, [EnrollmentSamples.enrolled]) { g in
            MemberEnrolled(
                enrollment: g.uuid(), member: g.uuid(), period: g.uuid(), trainingClass: g.uuid(), organisation: g.uuid(),
                memberName: g.string(), className: g.string(), enrolledAt: g.timestamp(), seat: g.unsigned(),
                waitlisted: g.bool(), categories: g.list { $0.anyCase() })
        },
        .make(LessonScheduled.self, family: EnrollmentFamily.name, [EnrollmentSamples.lesson]) { g in
            LessonScheduled(
                lesson: g.uuid(), period: g.uuid(), course: g.string(), instructor: g.uuid(), instructorName: g.string(),
                start: g.timestamp(), end: g.timestamp(), venue: randomVenue(&g), branchVenues: g.list(randomVenue),
                mode: g.anyCase(), creditHours: g.double())
        },
        .make(CheckedIn.self, family: EnrollmentFamily.name, [EnrollmentSamples.checkedIn]) { g in
            CheckedIn(lesson: g.uuid(), member: g.uuid(), venue: g.uuid(), at: g.timestamp(), method: g.anyCase(), clockSkewSeconds: g.signed())
        },
    ]

    static func randomVenue(_ g: inout SplitMix64) -> Venue {
        Venue(venue: g.uuid(), name: g.string(), capacity: g.unsigned())
    }
}
