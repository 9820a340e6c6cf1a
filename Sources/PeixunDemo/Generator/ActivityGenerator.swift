import PeixunMessages

/// What members do in their period: most come to every lesson (90% of members come with
/// probability 0.98 a lesson, the rest 0.75), so most complete the class's 80%; about 70% of
/// check-ins are followed by a score of the instructor, four in five of them excellent (Chengwu:
/// excellence above 75%); everyone who came to a village-committee class sits its completion exam,
/// about five in six passing the mark of 60.
enum ActivityGenerator {
    static let scoreShare = 0.7

    static func addActivity(to trainingClass: inout DemoClass, members: [DemoMember], random: inout DemoRandom) {
        for periodIndex in trainingClass.periods.indices {
            var period = trainingClass.periods[periodIndex]
            let diligence = period.members.map { _ in random.chance(0.9) ? 0.98 : 0.75 }
            for lessonIndex in period.lessons.indices {
                checkIn(&period.lessons[lessonIndex], period: period, diligence: diligence, members: members, random: &random)
                period.lessons[lessonIndex].scores = period.lessons[lessonIndex].checkIns.compactMap { checkIn in
                    random.chance(scoreShare) ? score(checkIn.member, random: &random) : nil
                }
            }
            if trainingClass.examPassMark != nil {
                let attended = Set(period.lessons.flatMap { $0.checkIns.map(\.member) })
                period.exams = period.members.filter(attended.contains).map { DemoExam(member: $0, score: Double(random.between(52...99))) }
            }
            trainingClass.periods[periodIndex] = period
        }
    }

    /// Check-ins at the main venue are taken on the roster by two desks; at a live lesson's branch
    /// venue from the town's stream by two operators. Two sources per venue: reporting flags a
    /// lesson whose every check-in came from one source within a minute (a burst), which the
    /// demo's pipelined check-ins would otherwise look like.
    static func checkIn(
        _ lesson: inout DemoLesson, period: DemoPeriod, diligence: [Double], members: [DemoMember], random: inout DemoRandom
    ) {
        let branchCodes = Set(lesson.branchVenues.map(\.code))
        for (position, member) in period.members.enumerated() where random.chance(diligence[position]) {
            lesson.checkIns.append(Self.checkIn(member, position: position, lesson: lesson, branchCodes: branchCodes, members: members))
        }
        // Every lesson has attendance evidence: nobody at all would be fake training (虚训).
        if lesson.checkIns.isEmpty, let first = period.members.first {
            lesson.checkIns.append(Self.checkIn(first, position: 0, lesson: lesson, branchCodes: branchCodes, members: members))
        }
    }

    static func checkIn(_ member: Int, position: Int, lesson: DemoLesson, branchCodes: Set<String>, members: [DemoMember]) -> DemoCheckIn {
        let desk = position % 2 + 1
        if let town = members[member].townCode, branchCodes.contains(town) {
            return DemoCheckIn(member: member, venueCode: town, method: .liveStream, source: "live-\(town)-\(desk)")
        }
        return DemoCheckIn(member: member, venueCode: "", method: .roster, source: "roster-\(lesson.venue.code)-\(desk)")
    }

    static func score(_ member: Int, random: inout DemoRandom) -> DemoScore {
        var values: [UInt8]
        if random.chance(0.8) {
            values = [5, 5, 5]
            if random.chance(0.4) { values[random.below(3)] = 4 }
        } else {
            values = random.pick([[4, 4, 4], [4, 4, 5], [3, 4, 4], [5, 4, 3], [3, 3, 4], [4, 5, 4], [2, 3, 3]])
        }
        let comment = random.chance(0.2) ? random.pick(ChineseNames.comments) : nil
        return DemoScore(member: member, content: values[0], delivery: values[1], usefulness: values[2], comment: comment)
    }
}
