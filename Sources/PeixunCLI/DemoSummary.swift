import Foundation
import PeixunDemo

/// The demo's final words: the totals it drove, and each figure beside reporting's.
struct DemoSummary {
    let model: CityModel
    let outcome: DemoOutcome

    var rate: Int { outcome.drivingSeconds > 0 ? Int(Double(outcome.commands) / outcome.drivingSeconds) : 0 }

    var mismatch: String? {
        let wrong = outcome.comparison.filter { !$0.matches }
        return wrong.isEmpty ? nil : wrong.map { "\($0.figure): demo \($0.demo), reporting \($0.reporting)" }.joined(separator: "; ")
    }

    /// The driven totals, in the order they are printed.
    var totals: [(String, Int)] {
        let d = outcome.driven
        return [
            ("organisations", d.organisations), ("members", d.members), ("courses", d.courses), ("instructors", d.instructors),
            ("plans", d.plans), ("classes", d.classes), ("unfiledClasses", d.unfiledClasses), ("periods", d.periods),
            ("lessons", d.lessons), ("enrollments", d.enrollments), ("checkIns", d.checkIns), ("completions", d.completions),
            ("completionsConfirmed", d.completionsConfirmed), ("scores", d.scores), ("excellentScores", d.excellentScores),
            ("exams", d.exams), ("examsPassed", d.examsPassed), ("intendedRefusals", d.intendedRefusals), ("events", d.events),
        ]
    }

    var text: String {
        var lines = [
            "peixun demo: \(model.scale.rawValue) scale, seed \(model.seed), year \(model.year), root \(model.rootCode) 中山市",
            "drove \(outcome.commands) commands in \(String(format: "%.1f", outcome.drivingSeconds)) s (\(rate) commands/s); "
                + "every service caught up \(String(format: "%.1f", outcome.catchingUpSeconds)) s later; "
                + "reporting's figures matched \(String(format: "%.1f", outcome.waitingSeconds)) s later",
        ]
        lines.append(totalsText)
        lines.append("  figure                       demo  reporting")
        lines += outcome.comparison.map { row in
            "  \(row.figure.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(row.demo).leftPadded(9)) \(String(row.reporting).leftPadded(10))  \(row.matches ? "ok" : "MISMATCH")"
        }
        lines.append(mismatch == nil ? "all \(outcome.comparison.count) figures match" : "MISMATCH: \(mismatch!)")
        return lines.joined(separator: "\n")
    }

    var totalsText: String {
        totals.map { "  \($0.0.padding(toLength: 22, withPad: " ", startingAt: 0)) \($0.1)" }.joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            "scale": .string(model.scale.rawValue), "seed": .string(String(model.seed)), "year": .int(Int64(model.year)),
            "root": .string(model.rootCode), "commands": .int(Int64(outcome.commands)),
            "drivingSeconds": .double(outcome.drivingSeconds), "catchingUpSeconds": .double(outcome.catchingUpSeconds),
            "waitingSeconds": .double(outcome.waitingSeconds),
            "commandsPerSecond": .int(Int64(rate)),
            "driven": .object(Dictionary(uniqueKeysWithValues: totals.map { ($0.0, JSONValue.int(Int64($0.1))) })),
            "figures": .array(outcome.comparison.map { row in
                .object(["figure": .string(row.figure), "demo": .int(Int64(row.demo)), "reporting": .int(Int64(row.reporting)), "match": .bool(row.matches)])
            }),
            "match": .bool(mismatch == nil),
        ])
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
