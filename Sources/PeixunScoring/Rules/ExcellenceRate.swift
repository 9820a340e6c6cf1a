import Foundation

/// An excellence rate: the share of scores that are excellent, with its 95% Wilson score
/// interval, shown only once enough different members have scored (anonymity: with fewer, an
/// instructor could tell who gave which score).
public struct ExcellenceRate: Sendable, Hashable {
    /// Raters needed before the rate is shown.
    public static let minimumRaters: UInt32 = 5
    /// The normal quantile for a two-sided 95% interval.
    static let z = 1.959963984540054

    public let raters: UInt32
    public let scores: UInt32
    public let excellent: UInt32

    public init(raters: UInt32, scores: UInt32, excellent: UInt32) {
        self.raters = raters
        self.scores = scores
        self.excellent = excellent
    }

    public var isShown: Bool { raters >= Self.minimumRaters && scores > 0 }

    /// The share of excellent scores; nil while hidden.
    public var share: Double? {
        isShown ? Double(excellent) / Double(scores) : nil
    }

    /// The 95% Wilson score interval of the share; nil while hidden. Wilson rather than the
    /// normal approximation because shares near 100% over few scores are common here (a
    /// well-liked instructor with 6 raters), where the normal interval overshoots 1 or collapses.
    /// Scores are counted as independent trials, although one member may score several lessons
    /// of the same instructor.
    public var interval: ClosedRange<Double>? {
        guard isShown else { return nil }
        let n = Double(scores)
        let p = Double(excellent) / n
        let z2 = Self.z * Self.z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = Self.z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }
}
