import PeixunMessages

/// The party roster: members of every branch with Chinese names and categories. In a village or
/// community branch the first member is its secretary (党组织书记) and the next four sit on the
/// committee (村“两委”); about one in twelve joined within the last three years. An organ
/// branch has a secretary and its members.
enum RosterGenerator {
    static func members(of tree: CityTree, layout: ScaleLayout, prefix: String, year: Int, random: inout DemoRandom) -> [DemoMember] {
        var members: [DemoMember] = []
        for branch in tree.branches {
            let count = random.between(branch.kind == .organ ? layout.membersPerOrgan : layout.membersPerVillage)
            let townCode = branch.town.map { tree.towns[$0].shortCode }
            for position in 0..<count {
                let categories = categories(branch.kind, position: position, random: &random)
                let isNew = categories.contains(.joinedWithinThreeYears)
                members.append(
                    DemoMember(
                        number: "\(prefix)-M\(ChineseNames.pad(members.count + 1, 6))", name: personName(&random),
                        branchCode: branch.code, categories: categories, joined: joined(isNew: isNew, year: year, random: &random),
                        townCode: townCode))
            }
        }
        return members
    }

    static func categories(_ kind: CityTree.BranchKind, position: Int, random: inout DemoRandom) -> [MemberCategory] {
        let base: MemberCategory = switch kind {
        case .village: .village
        case .community: .community
        case .organ: .organ
        }
        if position == 0 { return kind == .organ ? [base, .branchSecretary] : [base, .branchSecretary, .committeeMember] }
        if position < 5 && kind != .organ { return [base, .committeeMember] }
        return random.chance(0.08) ? [base, .joinedWithinThreeYears] : [base]
    }

    static func joined(isNew: Bool, year: Int, random: inout DemoRandom) -> CivilDate {
        let joinedYear = isNew ? year - random.between(1...2) : max(1950, year - random.between(4...45))
        return CivilDate(year: joinedYear, month: random.between(1...12), day: random.between(1...28))
    }

    /// A surname by its weight and one or two given-name characters.
    static func personName(_ random: inout DemoRandom) -> String {
        let surname = ChineseNames.surnames[random.weighted(ChineseNames.surnames.map(\.1))].0
        let length = random.chance(0.65) ? 2 : 1
        return surname + String((0..<length).map { _ in random.pick(ChineseNames.givenCharacters) })
    }
}
