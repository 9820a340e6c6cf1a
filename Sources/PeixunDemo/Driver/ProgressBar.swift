import Foundation
import PeixunTransport

/// The demo's progress on standard error: on a terminal one line redrawn in place (phase,
/// done/total, rate, ETA) at most ten times a second; otherwise (a log, a test) one plain line
/// when each phase ends, so captured output stays readable.
public final class ProgressBar {
    private let isTerminal: Bool
    private var phase = ""
    private var total = 0
    private var done = 0
    private var started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    public init(isTerminal: Bool? = nil) {
        self.isTerminal = isTerminal ?? (isatty(2) != 0)
    }

    public func begin(_ phase: String, total: Int) {
        self.phase = phase
        self.total = total
        done = 0
        started = .now
        lastDrawn = .now - .seconds(1)
        draw(force: true)
    }

    public func update(_ done: Int) {
        self.done = done
        draw(force: false)
    }

    public func end() {
        let seconds = elapsed
        if isTerminal {
            draw(force: true)
            write("\n")
        } else {
            write("demo: \(phase): \(total) in \(String(format: "%.1f", seconds)) s (\(rate(seconds))/s)\n")
        }
    }

    /// A line of its own (a note between phases), not overwritten by the bar.
    public func note(_ text: String) {
        write(isTerminal ? "\r\u{1B}[K\(text)\n" : "demo: \(text)\n")
    }

    private var elapsed: Double {
        (ContinuousClock.now - started).inSeconds
    }

    private func rate(_ seconds: Double) -> Int { seconds > 0 ? Int(Double(done) / seconds) : 0 }

    private func draw(force: Bool) {
        guard isTerminal, force || ContinuousClock.now - lastDrawn >= .milliseconds(100) else { return }
        lastDrawn = .now
        let seconds = elapsed
        let share = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int(share * 24)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
        let perSecond = rate(seconds)
        let eta = perSecond > 0 ? Self.clock(Double(total - done) / Double(perSecond)) : "--:--"
        write("\r\u{1B}[K\(phase.padding(toLength: 14, withPad: " ", startingAt: 0)) \(bar) \(done)/\(total)  \(perSecond)/s  ETA \(eta)")
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return "\(whole / 60):" + String(format: "%02d", whole % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
