import ArgumentParser
import Foundation
import PeixunMessages

/// `peixun excellence instructor|course|school CODE`: excellence rates.
struct ExcellenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "excellence",
        abstract: "Show the excellence rate of an instructor, a course or a school (hidden below 5 raters).")

    @OptionGroup var service: ServiceOptions

    @Argument(help: "What the rate is of: instructor, course or school.")
    var scope: ExcellenceScope

    @Argument(help: "Its code.")
    var code: String

    func run() throws {
        try service.ask(ShowExcellence(scope: scope, code: code), of: "scoring", answer: ExcellenceView.self) { view in
            let head = "\(view.name) (\(view.code)): \(view.raters) raters, \(view.scores) scores"
            guard let share = view.excellentShare, let low = view.intervalLow, let high = view.intervalHigh else {
                return head + "; excellence rate hidden until \(view.minimumRaters) raters"
            }
            return head + "; excellence rate \(Self.percent(share)) (95% interval \(Self.percent(low))–\(Self.percent(high)))"
        }
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }
}
