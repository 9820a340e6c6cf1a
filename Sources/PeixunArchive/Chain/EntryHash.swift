import Crypto
public import PeixunCodec
public import PeixunMessages

/// The hash chain's arithmetic, byte for byte as docs/archive.md states it. Every hash is
/// SHA-256; every input starts with an ASCII domain tag naming what it hashes and its version,
/// so an entry hash can never be mistaken for a head or a Merkle node.
public enum ArchiveHash {
    static let entryTag = Array("peixun.archive.entry.v1".utf8)
    static let headTag = Array("peixun.archive.member-head.v1".utf8)
    /// The previous hash of a chain's first entry, in the hash input (empty in the event).
    public static let zero = [UInt8](repeating: 0, count: 32)

    /// The canonical bytes of an entry: its `ArchiveEntryContent` encoded by the Peixun codec as a
    /// struct body (fields in id order, no tags, no header; protocols/README.md).
    public static func canonical(_ content: ArchiveEntryContent) -> [UInt8] {
        var writer = WireWriter(capacity: 128)
        content.encodeFields(into: &writer)
        return writer.bytes
    }

    /// SHA-256("peixun.archive.entry.v1" ‖ previous (32 bytes, zeros for the first) ‖ canonical(content)).
    public static func entry(_ content: ArchiveEntryContent, previous: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: entryTag)
        hasher.update(data: previous.isEmpty ? zero : previous)
        hasher.update(data: canonical(content))
        return Array(hasher.finalize())
    }

    /// A member's head: SHA-256("peixun.archive.member-head.v1" ‖ enrollment lane head ‖ scoring
    /// lane head), a lane with no entry counting as 32 zero bytes.
    public static func memberHead(enrollment: [UInt8]?, scoring: [UInt8]?) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: headTag)
        hasher.update(data: enrollment ?? zero)
        hasher.update(data: scoring ?? zero)
        return Array(hasher.finalize())
    }

    /// The Merkle root over (member, head) leaves sorted by member id (its 16 bytes): a leaf is
    /// SHA-256(0x00 ‖ member ‖ head), a node SHA-256(0x01 ‖ left ‖ right), and a level's odd last
    /// node goes up unchanged. No leaves: no root (empty).
    public static func merkleRoot(_ leaves: [(member: WireUUID, head: [UInt8])]) -> [UInt8] {
        var level = leaves.sorted { $0.member < $1.member }.map { leaf in
            Array(SHA256.hash(data: [0x00] + leaf.member.bytes + leaf.head))
        }
        guard !level.isEmpty else { return [] }
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { index in
                index + 1 < level.count ? Array(SHA256.hash(data: [0x01] + level[index] + level[index + 1])) : level[index]
            }
        }
        return level[0]
    }
}
