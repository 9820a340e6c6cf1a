/// One partition of a partitioned service: `index` of `count` (0 ≤ index < count). A worker of it
/// announces both in `WorkerReady`; its stream is `StreamID(service, partition: index)`.
public struct ServicePartition: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(_ index: Int, of count: Int) {
        precondition(count > 1 && (0..<count).contains(index), "partition \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// The broker's name for this partition of `service` (protocols/README.md, "Partitions").
    public func serviceName(_ service: String) -> String { "\(service)/\(index)" }

    public var description: String { "partition \(index) of \(count)" }
}
