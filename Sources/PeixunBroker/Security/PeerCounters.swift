/// What the broker's ZAP handler decided: peers whose CURVE key it let in, and peers it refused.
public struct PeerCounters: Sendable, Hashable {
    public var accepted = 0
    public var refused = 0

    public init() {}
}
