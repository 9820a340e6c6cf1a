/// How big a city the demo plays. The figures are Zhongshan's 2024 (BRIEF.md): 1,214 classes and
/// 119,000 member-trainings over 23 towns and streets and 291 villages; a town is about a 23rd of
/// that. See docs/demo.md for what each scale generates.
public enum DemoScale: String, Sendable, CaseIterable {
    /// One town (小榄镇) and its 13 villages, directly under the city; smaller branches than the
    /// real town so the whole run fits in well under a minute on a debug build (an integration
    /// test runs it).
    case town
    /// One district (火炬开发区) with 4 towns, 51 villages and 8 organ branches.
    case county
    /// The whole city: 2 county-level divisions, 23 towns and streets, 291 villages, 40 organ branches.
    case city

    /// Leads every code of the run, before the seed: runs of different scales never collide.
    var codeLetter: String {
        switch self {
        case .town: "T"
        case .county: "X"  // 县
        case .city: "S"  // 市
        }
    }

    var layout: ScaleLayout {
        switch self {
        case .town:
            ScaleLayout(
                counties: [], directTowns: 1, villages: 13, membersPerVillage: 120...180, cityClasses: false,
                periodSize: 40...60, duplicates: 3)
        case .county:
            ScaleLayout(
                counties: [.init(nameIndex: 0, towns: 4, organs: 8)], directTowns: 0, villages: 51, membersPerVillage: 440...640,
                cityClasses: false, periodSize: 60...90, duplicates: 10)
        case .city:
            ScaleLayout(
                counties: [.init(nameIndex: 0, towns: 2, organs: 8), .init(nameIndex: 1, towns: 0, organs: 32)],
                directTowns: 21, villages: 291, membersPerVillage: 440...640, cityClasses: true, periodSize: 60...90, duplicates: 40)
        }
    }
}

/// The shape of a scale's tree and classes.
struct ScaleLayout {
    struct County {
        /// Index into `ChineseNames.counties`.
        var nameIndex: Int
        var towns: Int
        var organs: Int
    }

    var counties: [County]
    /// Towns directly under the city (as Zhongshan's are).
    var directTowns: Int
    /// Villages over all towns, spread as evenly as they go (291 over 23: 15 towns of 13, 8 of 12).
    var villages: Int
    var membersPerVillage: ClosedRange<Int>
    var membersPerOrgan: ClosedRange<Int> = 60...140
    /// The city party school runs the secretaries' classes (live, with a branch venue per town).
    var cityClasses: Bool
    var periodSize: ClosedRange<Int>
    var duplicates: Int
    /// Share of ordinary members placed in a period (the rest stay untrained: missed training).
    var coverage = 0.85
    /// Branch secretaries get their fallback training (兜底) more surely.
    var secretaryCoverage = 0.95

    var towns: Int { directTowns + counties.map(\.towns).reduce(0, +) }
}
