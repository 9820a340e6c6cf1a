/// A point on the broker's monotonic clock, in nanoseconds from an origin the I/O loop chooses.
///
/// Time is an input of the router, never read by it, so tests can set every instant exactly.
/// The I/O loop usually takes `ContinuousClock.now` at start-up as the origin and passes
/// `RouterInstant(elapsed: origin.duration(to: .now))`.
public struct RouterInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the origin.
    public var nanoseconds: UInt64

    /// The instant `nanoseconds` after the origin.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The instant `elapsed` after the origin (a negative duration counts as zero).
    public init(elapsed: Duration) {
        self.nanoseconds = elapsed.saturatingNanoseconds
    }

    /// The origin.
    public static let zero = RouterInstant(nanoseconds: 0)

    /// This instant moved later by `duration` (never earlier; saturates at the far future).
    public func advanced(by duration: Duration) -> RouterInstant {
        RouterInstant(nanoseconds: nanoseconds.addingSaturating(duration.saturatingNanoseconds))
    }

    /// The time from this instant to `other`.
    public func duration(to other: RouterInstant) -> Duration {
        if other.nanoseconds >= nanoseconds {
            return .nanoseconds(Int64(clamping: other.nanoseconds - nanoseconds))
        }
        return .nanoseconds(-Int64(clamping: nanoseconds - other.nanoseconds))
    }

    /// `lhs` moved later by `rhs`.
    public static func + (lhs: RouterInstant, rhs: Duration) -> RouterInstant {
        lhs.advanced(by: rhs)
    }

    public static func < (lhs: RouterInstant, rhs: RouterInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    public var description: String {
        "\(nanoseconds)ns"
    }
}

extension Duration {
    /// Whole nanoseconds, with negative durations as zero and overflow as `UInt64.max`:
    /// a configuration or a client can send absurd values, and none of them may trap.
    var saturatingNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        return whole.addingSaturating(UInt64(attoseconds / 1_000_000_000))
    }
}

extension UInt64 {
    /// `self + other`, or `UInt64.max` when that overflows: deadlines far in the future stay far.
    func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
