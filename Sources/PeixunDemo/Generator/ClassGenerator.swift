import PeixunMessages

/// Who trains in which class: about 85% of ordinary members and 95% of branch secretaries are
/// placed in one period each (a member can be in only one period, because every period of the demo
/// runs today: see docs/demo.md); the others stay untrained this year (missed training). Members
/// are grouped by organiser and kind of class, cut into periods of the scale's size, and the
/// periods into classes of one or two.
///
/// Organisers: each town's party school runs its villages' classes; a county's party school its
/// organ branches'; the city party school the secretaries' classes at city scale (live, with a
/// branch venue per town). In each town the first villagers' or community members' class is run
/// by a village's micro party school (微党校) without a plan: a realistic lapse that reporting
/// flags (`unfiled-plan`).
struct ClassGenerator {
    /// What the later steps need to know about a class besides the model's `DemoClass`.
    struct Draft {
        var kind: ClassKind
        var organiserName: String
        /// The town whose villages it trains (nil for organ and city classes).
        var town: Int?
        var isLive: Bool
    }

    private struct GroupKey: Hashable {
        var organiser: String
        var kind: ClassKind
    }

    let tree: CityTree
    let layout: ScaleLayout
    let prefix: String
    let year: Int

    func classes(members: [DemoMember], random: inout DemoRandom) -> (classes: [DemoClass], drafts: [Draft]) {
        var order: [GroupKey] = []
        var groups: [GroupKey: [Int]] = [:]
        var towns: [String: Int] = [:]
        for (index, branch) in tree.branches.enumerated() { if let town = branch.town { towns[tree.branches[index].code] = town } }
        for (index, member) in members.enumerated() {
            let secretary = member.categories.contains(.branchSecretary)
            guard random.chance(secretary ? layout.secretaryCoverage : layout.coverage) else { continue }
            let kind = ClassKind.of(member, random: &random)
            let key = GroupKey(organiser: organiser(of: member, kind: kind, town: towns[member.branchCode]), kind: kind)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        var classes: [DemoClass] = []
        var drafts: [Draft] = []
        var unfiledTowns = Set<Int>()
        for key in order {
            let town = towns[members[groups[key]![0]].branchCode]
            let periods = cut(groups[key]!, size: key.organiser == tree.citySchoolCode ? 100...150 : layout.periodSize, random: &random)
            var start = 0
            var number = 0
            while start < periods.count {
                let count = min(periods.count - start, random.chance(0.45) ? 2 : 1)
                number += 1
                var draft = Draft(kind: key.kind, organiserName: "", town: key.kind == .organMembers ? nil : town, isLive: key.organiser == tree.citySchoolCode)
                var trainingClass = makeClass(key, number: number, periods: Array(periods[start..<start + count]), draft: &draft, index: classes.count)
                if [.villageMembers, .communityMembers].contains(key.kind), let town, unfiledTowns.insert(town).inserted {
                    runByMicroSchool(&trainingClass, &draft, town: town)
                }
                classes.append(trainingClass)
                drafts.append(draft)
                start += count
            }
        }
        return (classes, drafts)
    }

    private func organiser(of member: DemoMember, kind: ClassKind, town: Int?) -> String {
        if kind == .organMembers {
            let county = tree.branches.first { $0.code == member.branchCode }?.county ?? 0
            return tree.counties[county].schoolCode
        }
        if kind == .secretaries && layout.cityClasses { return tree.citySchoolCode }
        return tree.towns[town ?? 0].schoolCode
    }

    /// Members cut into periods of `size`; a short remainder joins the last period.
    private func cut(_ members: [Int], size: ClosedRange<Int>, random: inout DemoRandom) -> [[Int]] {
        var periods: [[Int]] = []
        var rest = members[...]
        while !rest.isEmpty {
            let take = random.between(size)
            if rest.count - take < size.lowerBound / 2 || rest.count <= take {
                periods.append(Array(rest))
                break
            }
            periods.append(Array(rest.prefix(take)))
            rest = rest.dropFirst(take)
        }
        return periods
    }

    private func makeClass(_ key: GroupKey, number: Int, periods: [[Int]], draft: inout Draft, index: Int) -> DemoClass {
        let organiser = tree.organisations.first { $0.code == key.organiser }!
        let planOwner = tree.organisations.first { $0.code == organiser.parentCode }!
        draft.organiserName = organiser.name
        let name = "\(planOwner.name)\(year)年\(key.kind.title)（\(ChineseNumerals.of(number))）"
        return DemoClass(
            code: "\(prefix)-K\(ChineseNames.pad(index + 1, 5))", name: name, organiserCode: key.organiser,
            planCode: PlanGenerator.code(prefix: prefix, organisation: planOwner.code, root: tree.rootCode), targets: key.kind.targets,
            completionPercent: 80, examPassMark: key.kind.examPassMark,
            periods: periods.enumerated().map { offset, members in
                DemoPeriod(
                    number: UInt32(offset + 1), start: Timing.periodStart, end: Timing.periodEnd, capacity: UInt32(members.count + 5),
                    members: members, lessons: [], exams: [])
            },
            closesLast: false)
    }

    /// The town's first villagers' (or community members') class, run by its first branch's micro party school, unplanned.
    private func runByMicroSchool(_ trainingClass: inout DemoClass, _ draft: inout Draft, town: Int) {
        let village = tree.branches[tree.towns[town].branches[0]]
        trainingClass.organiserCode = village.code
        trainingClass.planCode = nil
        trainingClass.name = "\(tree.towns[town].name)\(village.name)微党校党员学习班"
        draft.organiserName = "\(village.name)微党校"
    }
}

/// When things happen, in seconds after the demo starts. Every lesson must be running while the
/// demo checks members in (the enrollment service takes check-ins only from 15 minutes before a
/// lesson to 15 minutes after it), so all lessons start 5–9 minutes after the demo does and run
/// 90–120 minutes; a period spans the day's lessons.
enum Timing {
    static let periodStart: Int64 = 5 * 60
    static let periodEnd: Int64 = periodStart + 8 * 3600

    static func lessonStart(_ position: Int) -> Int64 { periodStart + Int64(position) * 60 }
}
