import PeixunMessages

/// The kinds of class the demo runs, each for one target group, named as the reports name them.
enum ClassKind: Int, CaseIterable {
    case secretaries, committee, newMembers, villageMembers, communityMembers, organMembers, open

    var title: String {
        switch self {
        case .secretaries: "村（社区）党组织书记培训班"
        case .committee: "村（社区）“两委”干部任职培训班"
        case .newMembers: "新党员培训班"
        case .villageMembers: "农村党员冬春训班"
        case .communityMembers: "社区党员学习教育培训班"
        case .organMembers: "机关党员理论学习班"
        case .open: "党员专题学习班"
        }
    }

    var targets: [MemberCategory] {
        switch self {
        case .secretaries: [.branchSecretary]
        case .committee: [.committeeMember]
        case .newMembers: [.joinedWithinThreeYears]
        case .villageMembers: [.village]
        case .communityMembers: [.community]
        case .organMembers: [.organ]
        case .open: []
        }
    }

    /// Village-committee classes end with a completion exam (Chengwu: 1,980 committee members
    /// trained with completion exams one winter).
    var examPassMark: Double? { self == .committee ? 60 : nil }

    /// The module of the one lesson that is not political theory.
    var closingModules: [CourseModule] {
        switch self {
        case .secretaries: [.businessKnowledge, .policyAndLaw]
        case .committee: [.policyAndLaw, .businessKnowledge]
        case .newMembers: [.theoryEducation]
        case .villageMembers: [.ruralRevitalisation]
        case .communityMembers: [.businessKnowledge, .health]
        case .organMembers: [.policyAndLaw, .theoryEducation]
        case .open: [.health, .theoryEducation]
        }
    }

    /// The class a member trained this year goes to, by their categories.
    static func of(_ member: DemoMember, random: inout DemoRandom) -> ClassKind {
        let categories = member.categories
        if categories.contains(.organ) { return .organMembers }
        if categories.contains(.branchSecretary) { return .secretaries }
        if categories.contains(.committeeMember) { return .committee }
        if categories.contains(.joinedWithinThreeYears) { return .newMembers }
        if random.chance(0.08) { return .open }
        return categories.contains(.community) ? .communityMembers : .villageMembers
    }
}

enum ChineseNumerals {
    static let digits = Array("〇一二三四五六七八九")

    /// 1 → 一, 12 → 十二, 40 → 四十, 99 → 九十九 (enough for class numbers).
    static func of(_ value: Int) -> String {
        guard value >= 10 else { return String(digits[value]) }
        let tens = value / 10, ones = value % 10
        return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
    }
}
