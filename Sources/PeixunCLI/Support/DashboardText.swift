import PeixunCalendar
import PeixunMessages

/// The dashboard's starting state as text for people: what the live page would show first.
enum DashboardText {
    static func view(_ view: DashboardView) -> String {
        var lines = [
            "\(view.organisationName) (\(view.organisationCode)) \(view.day) 培训看板",
            "as of " + view.cursors.map { "\($0.stream.service)/\($0.stream.partition) #\($0.appliedThrough)" }.joined(separator: ", "),
            "lessons today: \(view.lessons.count)",
        ]
        lines += view.lessons.flatMap(lessonLines)
        let checkIns = view.checkInsPerMinute.reduce(0) { $0 + Int($1.checkIns) }
        lines.append("check-ins today: \(checkIns) in \(view.checkInsPerMinute.count) minutes")
        lines += view.checkInsPerMinute.suffix(5).map { "  \(ChinaCalendar.format($0.minute)) \($0.checkIns)" }
        lines.append("\(view.month): member-trainings \(view.memberTrainings) (planned trainees this year \(view.plannedTrainees)), "
            + "enrollments \(view.enrollments), missed training \(view.missedTraining)")
        lines.append("coverage:")
        lines += ReportText.coverageLines(view.coverage)
        lines.append("instructors (at least 5 raters):")
        lines += view.instructors.map {
            "  \($0.name): \(ReportText.percent($0.excellenceRate)) excellent, \($0.scores) scores from \($0.raters) members"
        }
        lines.append("latest flags: \(view.flags.count)")
        lines += view.flags.map { "  \(ChinaCalendar.format($0.at))" + ReportText.flagLine($0).dropFirst() }
        return lines.joined(separator: "\n")
    }

    static func lessonLines(_ lesson: DashboardLesson) -> [String] {
        let time = "\(ChinaCalendar.format(lesson.start))–\(ChinaCalendar.format(lesson.end).suffix(5))"
        return ["  \(time) \(lesson.classCode) \(lesson.className) 「\(lesson.courseName)」"]
            + lesson.venues.map { "    \($0.name) (\($0.code)): \($0.checkedIn)/\($0.capacity)" }
    }
}
