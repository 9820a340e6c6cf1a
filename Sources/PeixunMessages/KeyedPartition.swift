/// One partition of a service split by key, or the whole service (partition 0 of 1): the stream
/// it publishes, its siblings' streams, and which keys are its own (`PartitionKey`). Enrollment's
/// and scoring's partitions are built on it and add their own refusals.
public struct KeyedPartition: Sendable, Hashable {
    public let service: String
    public let index: Int
    public let count: Int

    public init(service: String, index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "partition \(index) of \(count)")
        self.service = service
        self.index = index
        self.count = count
    }

    public var isSplit: Bool { count > 1 }

    /// The stream this partition publishes, `<service>/<index>`.
    public var stream: StreamID { StreamID(service: service, partition: UInt16(index)) }

    /// The other partitions' streams.
    public var siblings: [StreamID] {
        (0..<count).filter { $0 != index }.map { StreamID(service: service, partition: UInt16($0)) }
    }

    /// The partition `key` belongs to.
    public func owner(of key: String) -> Int { PartitionKey.partition(of: key, count: count) }

    /// Whether `key` is this partition's (every key is when the service is not split).
    public func owns(_ key: String) -> Bool { !isSplit || owner(of: key) == index }
}
