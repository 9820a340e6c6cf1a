import PeixunMessages

/// The organisation tree of a scale: the city (中山市) at the root; county-level divisions under
/// it with their organ branches; towns and streets under a county or directly under the city (as
/// Zhongshan's are); villages and communities under the towns; a party school under the city,
/// each county and each town (the organisers of classes).
struct CityTree {
    enum BranchKind { case village, community, organ }

    struct Branch {
        var code: String
        var name: String
        var kind: BranchKind
        /// Index into `towns` (nil for organ branches).
        var town: Int?
        /// Index into `counties` (organ branches only).
        var county: Int?
    }

    struct Town {
        var code: String
        var name: String
        var shortCode: String
        var schoolCode: String
        /// The organisation it files its plan with: its county, or the city.
        var parentCode: String
        var branches: [Int]
    }

    struct County {
        var code: String
        var name: String
        var schoolCode: String
        var branches: [Int]
    }

    var organisations: [DemoOrganisation] = []
    var rootCode: String
    var citySchoolCode: String
    var counties: [County] = []
    var towns: [Town] = []
    var branches: [Branch] = []

    init(layout: ScaleLayout, prefix: String, random: inout DemoRandom) {
        rootCode = "\(prefix)-ZS"
        citySchoolCode = "\(rootCode)-DX"
        add(rootCode, "中山市", .city, parent: nil, depth: 0)
        add(citySchoolCode, "中山市委党校", .school, parent: rootCode, depth: 1)
        // The zone's streets go to the county-level division; 小榄镇 leads the towns under the city.
        var countyTowns = ChineseNames.towns[1...4]
        let villageCounts = Self.spread(layout.villages, over: layout.towns)
        for county in layout.counties {
            addCounty(county, townNames: &countyTowns, villageCounts: villageCounts, random: &random)
        }
        let directTowns = [ChineseNames.towns[0]] + ChineseNames.towns[5...] + countyTowns
        for town in directTowns.prefix(layout.directTowns) {
            addTown(town, parent: rootCode, depth: 1, villages: villageCounts[towns.count], random: &random)
        }
    }

    /// `total` split over `parts` as evenly as it goes, the larger shares first.
    static func spread(_ total: Int, over parts: Int) -> [Int] {
        guard parts > 0 else { return [] }
        return (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }

    private mutating func add(_ code: String, _ name: String, _ kind: OrganisationKind, parent: String?, depth: Int) {
        organisations.append(DemoOrganisation(code: code, name: name, kind: kind, parentCode: parent, depth: depth))
    }

    private mutating func addCounty(
        _ layout: ScaleLayout.County, townNames: inout ArraySlice<ChineseNames.Town>, villageCounts: [Int], random: inout DemoRandom
    ) {
        let (name, short) = ChineseNames.counties[layout.nameIndex]
        let code = "\(rootCode)-\(short)"
        add(code, name, .county, parent: rootCode, depth: 1)
        let school = "\(code)-DX"
        add(school, "\(name)党校", .school, parent: code, depth: 2)
        var county = County(code: code, name: name, schoolCode: school, branches: [])
        for (index, department) in ChineseNames.departments.prefix(layout.organs).enumerated() {
            let branch = "\(code)-O\(ChineseNames.pad(index + 1))"
            add(branch, "\(name)\(department)机关党支部", .organ, parent: code, depth: 2)
            county.branches.append(branches.count)
            branches.append(Branch(code: branch, name: "\(name)\(department)", kind: .organ, county: counties.count))
        }
        counties.append(county)
        for _ in 0..<layout.towns {
            addTown(townNames.removeFirst(), parent: code, depth: 2, villages: villageCounts[towns.count], random: &random)
        }
    }

    private mutating func addTown(_ town: ChineseNames.Town, parent: String, depth: Int, villages: Int, random: inout DemoRandom) {
        let code = "\(parent)-\(town.code)"
        add(code, town.name, .town, parent: parent, depth: depth)
        let school = "\(code)-DX"
        add(school, "\(town.name)党校", .school, parent: code, depth: depth + 1)
        var node = Town(code: code, name: town.name, shortCode: town.code, schoolCode: school, parentCode: parent, branches: [])
        var taken = Set<String>()
        for index in 0..<villages {
            // Streets are mostly urban communities (社区), towns mostly villages (村).
            let community = random.chance(town.isStreet ? 0.7 : 0.2)
            var stem: String
            repeat {
                stem = String([random.pick(ChineseNames.villageFirst), random.pick(ChineseNames.villageSecond)])
            } while !taken.insert(stem).inserted
            let name = stem + (community ? "社区" : "村")
            let branch = "\(code)-\(ChineseNames.pad(index + 1))"
            add(branch, "\(town.name)\(name)党委", .village, parent: code, depth: depth + 1)
            node.branches.append(branches.count)
            branches.append(Branch(code: branch, name: name, kind: community ? .community : .village, town: towns.count))
        }
        towns.append(node)
    }
}

extension ChineseNames {
    /// `7` → `07`.
    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
