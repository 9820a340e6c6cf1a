public import PeixunMessages

/// What a model amounts to once driven: the figures the demo prints and compares with reporting.
public struct DemoTotals: Sendable, Hashable {
    public var organisations = 0
    public var members = 0
    public var courses = 0
    public var instructors = 0
    public var plansByLevel: [PlanLevel: Int] = [:]
    public var classes = 0
    public var unfiledClasses = 0
    public var periods = 0
    public var lessons = 0
    public var enrollments = 0
    public var checkIns = 0
    /// Periods completed (PeriodCompleted): member-trainings. Each member is in one period, so
    /// this is also the number of different members trained.
    public var completions = 0
    /// Completions confirmed by scoring: every completion of a class without an exam, and those
    /// of an exam class whose exam was passed.
    public var completionsConfirmed = 0
    public var scores = 0
    public var excellentScores = 0
    public var exams = 0
    public var examsPassed = 0
    /// Refusals the demo means to cause: the duplicate-training attempts.
    public var intendedRefusals = 0

    public var plans: Int { plansByLevel.values.reduce(0, +) }

    /// Events the services publish for it: enrollment's (one per registration, plan, class,
    /// lesson, seat, check-in, completion, closed period and refused duplicate) and scoring's (a
    /// score and a rating update per score, an exam result, a confirmation).
    public var events: Int {
        organisations + members + courses + instructors + plans * 2 + classes + lessons + enrollments + checkIns + completions
            + periods + intendedRefusals + scores * 2 + exams + completionsConfirmed
    }

    public init() {}

    public init(_ model: CityModel) {
        organisations = model.organisations.count
        members = model.members.count
        courses = model.courses.count
        instructors = model.instructors.count
        for plan in model.plans { plansByLevel[plan.level, default: 0] += 1 }
        for trainingClass in model.classes { add(trainingClass) }
        intendedRefusals = model.duplicates.count
    }

    private mutating func add(_ trainingClass: DemoClass) {
        classes += 1
        if trainingClass.planCode == nil { unfiledClasses += 1 }
        for period in trainingClass.periods {
            periods += 1
            lessons += period.lessons.count
            enrollments += period.members.count
            checkIns += period.lessons.map(\.checkIns.count).reduce(0, +)
            for lesson in period.lessons {
                scores += lesson.scores.count
                excellentScores += lesson.scores.filter(\.isExcellent).count
            }
            let completers = Completion.completers(of: period, in: trainingClass)
            completions += completers.count
            exams += period.exams.count
            let passed = Set(period.exams.filter { $0.score >= (trainingClass.examPassMark ?? 0) }.map(\.member))
            examsPassed += passed.count
            completionsConfirmed += trainingClass.examPassMark == nil ? completers.count : completers.intersection(passed).count
        }
    }
}
