import PeixunMessages

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
    /// How many partitions a followed service is split into (absent: 1). Each partition's stream
    /// holds sealing back on its own: one partition may be a month behind another.
    public var partitionCounts: [String: Int]

    public init(
        memberQuota: Double = 32, secretaryQuota: Double = 56, followedStreams: [String] = knownStreams,
        partitionCounts: [String: Int] = [:]
    ) {
        self.memberQuota = memberQuota
        self.secretaryQuota = secretaryQuota
        self.followedStreams = followedStreams
        self.partitionCounts = partitionCounts
    }

    /// The names sealing tracks a month for: a service's name, or `service/p` for each partition
    /// of a split one (an unsplit service keeps its plain name, as stores written before
    /// partitions have it).
    var sealingStreams: [String] {
        followedStreams.flatMap { service in
            let count = partitionCounts[service] ?? 1
            return count > 1 ? (0..<count).map { "\(service)/\($0)" } : [service]
        }
    }

    /// The sealing name of `stream`.
    func sealingName(_ stream: StreamID) -> String {
        (partitionCounts[stream.service] ?? 1) > 1 ? "\(stream.service)/\(stream.partition)" : stream.service
    }
}
