/// What an operator may configure: the yearly credit-hour quotas and the streams followed.
public struct ArchiveSettings: Sendable, Hashable {
    /// The services whose streams the archive can follow.
    public static let knownStreams = ["enrollment", "scoring"]

    /// Hours a member owes per year (32).
    public var memberQuota: Double
    /// Hours a branch secretary (党组织书记) owes per year (56).
    public var secretaryQuota: Double
    /// The streams followed. A month is sealed once each of them has delivered an event of a
    /// later month: the same set that brings entries must hold sealing back, or a rebuild could
    /// seal a month before one stream's entries of it are in.
    public var followedStreams: [String]

    public init(memberQuota: Double = 32, secretaryQuota: Double = 56, followedStreams: [String] = knownStreams) {
        self.memberQuota = memberQuota
        self.secretaryQuota = secretaryQuota
        self.followedStreams = followedStreams
    }
}
