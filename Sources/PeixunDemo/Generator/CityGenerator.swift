/// Builds the whole `CityModel` for a scale, a seed and a training year: a pure function (no
/// clock, no system randomness), so the same arguments give the same city, members, classes and
/// therefore the same commands.
public enum CityGenerator {
    public static func generate(scale: DemoScale, seed: UInt64, year: Int) -> CityModel {
        let layout = scale.layout
        let prefix = scale.codeLetter + String(seed, radix: 36).uppercased()
        var treeRandom = DemoRandom(seed: seed, stream: 1)
        var rosterRandom = DemoRandom(seed: seed, stream: 2)
        var classRandom = DemoRandom(seed: seed, stream: 3)
        var activityRandom = DemoRandom(seed: seed, stream: 4)
        let tree = CityTree(layout: layout, prefix: prefix, random: &treeRandom)
        let members = RosterGenerator.members(of: tree, layout: layout, prefix: prefix, year: year, random: &rosterRandom)
        var (classes, drafts) = ClassGenerator(tree: tree, layout: layout, prefix: prefix, year: year)
            .classes(members: members, random: &classRandom)
        var lessons = LessonGenerator(tree: tree, prefix: prefix)
        for index in classes.indices {
            lessons.addLessons(to: &classes[index], drafts[index], members: members, random: &classRandom)
            ActivityGenerator.addActivity(to: &classes[index], members: members, random: &activityRandom)
        }
        let duplicates = DuplicateGenerator.duplicates(classes: &classes, count: layout.duplicates)
        return CityModel(
            scale: scale, seed: seed, year: year, prefix: prefix, rootCode: tree.rootCode, organisations: tree.organisations,
            members: members, courses: lessons.courses, instructors: lessons.instructors,
            plans: PlanGenerator.plans(classes: classes, organisations: tree.organisations, members: members, year: year),
            classes: classes, duplicates: duplicates)
    }
}
