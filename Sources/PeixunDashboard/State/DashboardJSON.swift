public import Foundation
import PeixunCalendar
import PeixunCodec
import PeixunMessages

/// What `/api/dashboard` answers and `/api/events` sends: the state in plain JSON, times in ISO
/// 8601 China time, ids as UUID text, flag kinds as the CLI names them.
public struct DashboardJSON: Codable, Sendable, Equatable {
    public struct Venue: Codable, Sendable, Equatable {
        public var code: String, name: String, capacity: UInt32, checkedIn: UInt32
    }
    public struct Lesson: Codable, Sendable, Equatable {
        public var lesson: String, classCode: String, className: String, courseName: String
        public var start: String, end: String, checkedIn: UInt32, venues: [Venue]
    }
    public struct Minute: Codable, Sendable, Equatable { public var minute: String, checkIns: UInt32 }
    public struct Coverage: Codable, Sendable, Equatable {
        public var code: String, name: String, depth: UInt32, rosterMembers: UInt32, trainedMembers: UInt32
        public var coverage: Double
    }
    public struct Instructor: Codable, Sendable, Equatable {
        public var name: String, scores: UInt32, raters: UInt32, excellent: UInt32, excellenceRate: Double
    }
    public struct Flag: Codable, Sendable, Equatable {
        public var kind: String, subjectCode: String, subjectName: String, organisationCode: String
        public var at: String, detail: String
    }

    public var organisationCode: String, organisationName: String
    public var day: String, month: String
    /// Changes at every applied change: a client can tell an update from a repeat.
    public var version: UInt64
    public var cursors: [String: UInt64]
    public var lessons: [Lesson]
    public var checkInsToday: UInt32
    public var checkInsPerMinute: [Minute]
    public var coverage: [Coverage]
    public var missedTraining: UInt32
    public var memberTrainings: UInt32, enrollments: UInt32, plannedTrainees: UInt32
    public var instructors: [Instructor]
    public var flags: [Flag]

    public init(_ state: DashboardState) {
        let view = state.view
        organisationCode = view.organisationCode
        organisationName = view.organisationName
        day = view.day
        month = view.month
        version = state.version
        cursors = Dictionary(state.applied.map { ("\($0.key.service)/\($0.key.partition)", $0.value) }, uniquingKeysWith: max)
        lessons = view.lessons.map(Self.lesson)
        checkInsPerMinute = view.checkInsPerMinute.map { Minute(minute: ChinaCalendar.iso($0.minute), checkIns: $0.checkIns) }
        checkInsToday = view.checkInsPerMinute.reduce(0) { $0 + $1.checkIns }
        coverage = view.coverage.map {
            Coverage(
                code: $0.code, name: $0.name, depth: $0.depth, rosterMembers: $0.rosterMembers,
                trainedMembers: $0.trainedMembers, coverage: $0.coverage)
        }
        missedTraining = view.missedTraining
        memberTrainings = view.memberTrainings
        enrollments = view.enrollments
        plannedTrainees = view.plannedTrainees
        instructors = view.instructors.map {
            Instructor(name: $0.name, scores: $0.scores, raters: $0.raters, excellent: $0.excellent, excellenceRate: $0.excellenceRate)
        }
        flags = view.flags.map {
            Flag(
                kind: $0.kind.name, subjectCode: $0.subjectCode, subjectName: $0.subjectName,
                organisationCode: $0.organisationCode, at: ChinaCalendar.iso($0.at), detail: $0.detail)
        }
    }

    static func lesson(_ lesson: DashboardLesson) -> Lesson {
        Lesson(
            lesson: lesson.lesson.description, classCode: lesson.classCode, className: lesson.className,
            courseName: lesson.courseName, start: ChinaCalendar.iso(lesson.start), end: ChinaCalendar.iso(lesson.end),
            checkedIn: lesson.venues.reduce(0) { $0 + $1.checkedIn },
            venues: lesson.venues.map { Venue(code: $0.code, name: $0.name, capacity: $0.capacity, checkedIn: $0.checkedIn) })
    }

    /// Compact JSON, keys sorted (stable bytes for equal states).
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
