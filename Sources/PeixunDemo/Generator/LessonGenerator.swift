import PeixunMessages

/// The lessons of every period: 3–5 (4 in the secretaries' and committee classes), the first
/// and all but the last political theory (政治理论首课, and at least two thirds of the lessons), the
/// last from the module the class is about; each with its own instructor. All lessons of the demo
/// run at once (see `Timing`), so an instructor can teach only one of them: the pool has one
/// instructor per lesson, as a city's pool would need if all its classes ran the same morning.
struct LessonGenerator {
    let tree: CityTree
    let prefix: String
    let courses: [DemoCourse]
    var instructors: [DemoInstructor] = []

    init(tree: CityTree, prefix: String) {
        self.tree = tree
        self.prefix = prefix
        courses = CourseCatalogue.entries.enumerated().map { index, entry in
            DemoCourse(
                code: "\(prefix)-C\(ChineseNames.pad(index + 1, 3))", name: entry.name, module: entry.module,
                creditHours: entry.creditHours, mode: entry.mode)
        }
    }

    mutating func addLessons(to trainingClass: inout DemoClass, _ draft: ClassGenerator.Draft, members: [DemoMember], random: inout DemoRandom) {
        for periodIndex in trainingClass.periods.indices {
            let period = trainingClass.periods[periodIndex]
            let count = [.secretaries, .committee].contains(draft.kind) ? 4 : [3, 4, 5][random.weighted([30, 50, 20])]
            let chosen = courses(count, draft, random: &random)
            let venues = venues(for: period, draft, trainingClass: trainingClass, members: members, room: periodIndex)
            trainingClass.periods[periodIndex].lessons = chosen.enumerated().map { position, course in
                let start = Timing.lessonStart(position)
                let live = CourseCatalogue.entries[course].mode == .live
                return DemoLesson(
                    course: course, instructor: addInstructor(home: draft, trainingClass: trainingClass, random: &random),
                    start: start, end: start + Int64(90 + 5 * random.between(0...6)) * 60, venue: venues.main,
                    branchVenues: live ? venues.branches : [], checkIns: [], scores: [])
            }
        }
    }

    /// `count` different courses: political theory but for the last, which is from the class's own
    /// module; live courses only for the city's live classes.
    private func courses(_ count: Int, _ draft: ClassGenerator.Draft, random: inout DemoRandom) -> [Int] {
        var theory = CourseCatalogue.indices(module: .politicalTheory, live: draft.isLive)
        random.shuffle(&theory)
        let closing = draft.isLive
            ? CourseCatalogue.indices(module: .policyAndLaw, live: true)
            : draft.kind.closingModules.flatMap { CourseCatalogue.indices(module: $0, live: false) }
        return Array(theory.prefix(count - 1)) + [random.pick(closing)]
    }

    /// The main venue, and for a live class a branch venue (分会场) in each town it trains.
    private func venues(
        for period: DemoPeriod, _ draft: ClassGenerator.Draft, trainingClass: DemoClass, members: [DemoMember], room: Int
    ) -> (main: DemoVenue, branches: [DemoVenue]) {
        let seats = UInt32((period.members.count + 19) / 10 * 10)
        if draft.isLive {
            var perTown: [String: Int] = [:]
            for member in period.members { if let town = members[member].townCode { perTown[town, default: 0] += 1 } }
            let branches = tree.towns.filter { perTown[$0.shortCode] != nil }.map { town in
                DemoVenue(code: town.shortCode, name: "\(town.name)党校分会场", capacity: UInt32(perTown[town.shortCode]! + 5))
            }
            return (DemoVenue(code: "ZS-BGT", name: "中山市委党校报告厅", capacity: seats), branches)
        }
        if trainingClass.planCode == nil { return (DemoVenue(code: "FJD", name: "\(draft.organiserName)分教点", capacity: seats), []) }
        let roomNumber = room % 12 + 1
        return (DemoVenue(code: "R\(ChineseNames.pad(roomNumber))", name: "\(draft.organiserName)第\(roomNumber)教室", capacity: seats), [])
    }

    private mutating func addInstructor(home draft: ClassGenerator.Draft, trainingClass: DemoClass, random: inout DemoRandom) -> Int {
        // A micro school's teachers come from its town's party school.
        let home = trainingClass.planCode == nil ? tree.towns[draft.town ?? 0].schoolCode : trainingClass.organiserCode
        let kind: InstructorKind = [.partySchoolTeacher, .businessBackbone, .localExpert, .secretary][random.weighted([40, 25, 15, 20])]
        instructors.append(
            DemoInstructor(
                code: "\(prefix)-T\(ChineseNames.pad(instructors.count + 1, 5))", name: RosterGenerator.personName(&random), kind: kind,
                organisationCode: home))
        return instructors.count - 1
    }
}
