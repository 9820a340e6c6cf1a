/// Where a partition key lives among a partitioned service's partitions: part of the wire spec
/// (protocols/README.md, "Partitions"), so the broker that routes by it and a service that
/// checks a command reached the right partition compute it the same way, as a client in any
/// language can.
public enum PartitionKey {
    /// 32-bit FNV-1a of `key`'s UTF-8 bytes, modulo `count`.
    public static func partition(of key: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(max(1, count)))
    }
}
