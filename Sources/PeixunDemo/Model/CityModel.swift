public import PeixunMessages

/// Everything the demo drives, decided before the first command is sent: a pure function of the
/// scale, the seed and the training year (`CityGenerator`). Times are seconds after the demo's
/// start, so the same seed gives the same model whenever it runs; the driver adds the start.
///
/// Members, courses and instructors are referred to by their index in the model's arrays.
public struct CityModel: Sendable, Equatable {
    public var scale: DemoScale
    public var seed: UInt64
    public var year: Int
    /// The prefix of every code: the scale's letter and the seed in base 36 (`T7`, `X7`, `S7`), so
    /// runs of different scales or seeds never collide on one store.
    public var prefix: String
    /// The code of the city at the root: the organisation the reports are asked for.
    public var rootCode: String
    public var organisations: [DemoOrganisation]
    public var members: [DemoMember]
    public var courses: [DemoCourse]
    public var instructors: [DemoInstructor]
    public var plans: [DemoPlan]
    public var classes: [DemoClass]
    /// Deliberate duplicate-training attempts (重复培训), made after the other periods close.
    public var duplicates: [DemoDuplicate]
}

public struct DemoOrganisation: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: OrganisationKind
    public var parentCode: String?
    /// 0 for the city; children are created after their parents.
    public var depth: Int
}

public struct DemoMember: Sendable, Hashable {
    public var number: String
    public var name: String
    public var branchCode: String
    public var categories: [MemberCategory]
    /// Joining date, China time.
    public var joined: CivilDate
    /// The short code of the member's town (its branch venue in a live lesson); nil in organs.
    public var townCode: String?
}

/// A calendar date in China time.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
}

public struct DemoCourse: Sendable, Hashable {
    public var code: String
    public var name: String
    public var module: CourseModule
    public var creditHours: Double
    public var mode: LessonMode
}

public struct DemoInstructor: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: InstructorKind
    public var organisationCode: String
}

public struct DemoPlan: Sendable, Hashable {
    public var code: String
    public var organisationCode: String
    public var level: PlanLevel
    public var title: String
    public var plannedClasses: UInt32
    public var plannedPeriods: UInt32
    public var plannedTrainees: UInt32
    /// The superior that acknowledges it (the city acknowledges its own plan).
    public var acknowledgedBy: String
}

public struct DemoClass: Sendable, Equatable {
    public var code: String
    public var name: String
    public var organiserCode: String
    /// nil: a class run without a filed plan (flagged `unfiled-plan` by reporting).
    public var planCode: String?
    public var targets: [MemberCategory]
    public var completionPercent: UInt32
    /// Present for village-committee classes: the completion exam's pass mark.
    public var examPassMark: Double?
    public var periods: [DemoPeriod]
    /// The duplicate attempts target this class, so its periods close after them.
    public var closesLast: Bool
}

public struct DemoPeriod: Sendable, Equatable {
    public var number: UInt32
    public var start: Int64
    public var end: Int64
    public var capacity: UInt32
    /// Enrolled members (indices), each in no other period.
    public var members: [Int]
    public var lessons: [DemoLesson]
    public var exams: [DemoExam]
}

public struct DemoVenue: Sendable, Hashable {
    public var code: String
    public var name: String
    public var capacity: UInt32
}

public struct DemoLesson: Sendable, Equatable {
    public var course: Int
    public var instructor: Int
    public var start: Int64
    public var end: Int64
    public var venue: DemoVenue
    public var branchVenues: [DemoVenue]
    public var checkIns: [DemoCheckIn]
    public var scores: [DemoScore]
}

public struct DemoCheckIn: Sendable, Hashable {
    public var member: Int
    /// Empty: the main venue.
    public var venueCode: String
    public var method: CheckInMethod
    /// The desk or stream that took it: two per venue, so no lesson looks ticked off by one hand.
    public var source: String
}

public struct DemoScore: Sendable, Hashable {
    public var member: Int
    public var content: UInt8
    public var delivery: UInt8
    public var usefulness: UInt8
    public var comment: String?

    /// The scoring service's rule: the three average 4.5 or more.
    public var isExcellent: Bool { Int(content) + Int(delivery) + Int(usefulness) >= 14 }
}

public struct DemoExam: Sendable, Hashable {
    public var member: Int
    public var score: Double
}

public struct DemoDuplicate: Sendable, Hashable {
    public var member: Int
    public var classIndex: Int
    public var periodNumber: UInt32
}
