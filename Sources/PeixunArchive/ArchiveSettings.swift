/// What an operator may configure: the yearly credit-hour quotas and the streams whose clocks
/// seal a month.
public struct ArchiveSettings: Sendable, Hashable {
    /// Hours a member owes per year (32).
    public var memberQuota: Double
    /// Hours a branch secretary (党组织书记) owes per year (56).
    public var secretaryQuota: Double
    /// A month is sealed when each of these streams has delivered an event of a later month.
    public var sealingStreams: [String]

    public init(memberQuota: Double = 32, secretaryQuota: Double = 56, sealingStreams: [String] = ["enrollment", "scoring"]) {
        self.memberQuota = memberQuota
        self.secretaryQuota = secretaryQuota
        self.sealingStreams = sealingStreams
    }
}
