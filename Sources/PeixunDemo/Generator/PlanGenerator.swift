import PeixunMessages

/// Training plans (备案): one per organisation whose school runs classes — the city (city level),
/// each county-level division (county level), each town (grassroots) — filed with and acknowledged
/// by its superior (the city acknowledges its own). A plan promises exactly what its classes
/// deliver (classes, periods, different members completing), so no plan-variance flag is expected.
enum PlanGenerator {
    static func code(prefix: String, organisation: String, root: String) -> String { "\(organisation)-JH" }

    static func plans(classes: [DemoClass], organisations: [DemoOrganisation], members: [DemoMember], year: Int) -> [DemoPlan] {
        let byCode = Dictionary(organisations.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var order: [String] = []
        var delivered: [String: (classes: Int, periods: Int, trainees: Set<Int>)] = [:]
        for trainingClass in classes {
            guard let plan = trainingClass.planCode else { continue }
            if delivered[plan] == nil { order.append(plan) }
            delivered[plan, default: (0, 0, [])].classes += 1
            delivered[plan]!.periods += trainingClass.periods.count
            for period in trainingClass.periods { delivered[plan]!.trainees.formUnion(Completion.completers(of: period, in: trainingClass)) }
        }
        return order.map { plan in
            let owner = byCode[String(plan.dropLast(3))]!
            let level: PlanLevel = owner.kind == .city ? .city : owner.kind == .county ? .county : .grassroots
            let figures = delivered[plan]!
            return DemoPlan(
                code: plan, organisationCode: owner.code, level: level, title: "\(owner.name)\(year)年党员教育培训计划",
                plannedClasses: UInt32(figures.classes), plannedPeriods: UInt32(figures.periods),
                plannedTrainees: UInt32(figures.trainees.count), acknowledgedBy: owner.parentCode ?? owner.code)
        }
    }
}

/// The enrollment service's completion rule, applied to the model: a member completes a period
/// when they attended at least the class's share of its lessons.
public enum Completion {
    public static func attended(in period: DemoPeriod) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for lesson in period.lessons { for checkIn in lesson.checkIns { counts[checkIn.member, default: 0] += 1 } }
        return counts
    }

    public static func completers(of period: DemoPeriod, in trainingClass: DemoClass) -> Set<Int> {
        let lessons = period.lessons.count
        return Set(attended(in: period).filter { $0.value * 100 >= Int(trainingClass.completionPercent) * lessons }.keys)
    }
}

/// The deliberate duplicate-training attempts (重复培训): members who completed a period whose
/// course is also taught in the target class's first period try to enroll in it. The enrollment
/// service refuses each (`enrollment.duplicateTraining`) and publishes it for reporting's flags.
/// The target is the first open class (党员专题学习班), whose periods close last so they are open
/// for the attempts.
enum DuplicateGenerator {
    static func duplicates(classes: inout [DemoClass], count: Int) -> [DemoDuplicate] {
        guard count > 0, let target = classes.firstIndex(where: { $0.targets.isEmpty && $0.planCode != nil }) ?? classes.indices.last
        else { return [] }
        classes[target].closesLast = true
        let courses = Set(classes[target].periods[0].lessons.map(\.course))
        var candidates: [Int] = []
        for (index, trainingClass) in classes.enumerated() where index != target {
            for period in trainingClass.periods {
                let completers = Completion.completers(of: period, in: trainingClass)
                var taught: Set<Int> = []
                for lesson in period.lessons where courses.contains(lesson.course) {
                    taught.formUnion(lesson.checkIns.map(\.member).filter(completers.contains))
                }
                candidates.append(contentsOf: taught.sorted())
            }
        }
        guard !candidates.isEmpty else { return [] }
        let step = max(1, candidates.count / count)
        return stride(from: 0, to: candidates.count, by: step).prefix(count).map {
            DemoDuplicate(member: candidates[$0], classIndex: target, periodNumber: 1)
        }
    }
}
