public import PeixunCodec

/// Command ids derived from the run's code prefix (its scale and seed), the phase, the command's
/// index in it and the attempt, so a second run of the same scale and seed on the same store sends
/// the same ids (and another scale or seed different ones) and the services' command
/// ledgers answer with what they recorded, changing nothing. The attempt is part of the id
/// because a refusal is recorded too: trying a refused command again (a score refused because
/// scoring had not yet seen the check-in) needs a new id, and the same one on the next run.
public enum CommandIDs {
    public static func make(prefix: String, phase: UInt8, index: Int, attempt: Int = 0) -> WireUUID {
        var first = SplitMix(state: fnv1a(prefix))
        var second = SplitMix(state: first.next() ^ (UInt64(phase) << 40) ^ UInt64(attempt))
        var third = SplitMix(state: second.next() ^ UInt64(index))
        // Shaped as an RFC 9562 version 8 (custom) UUID.
        let high = (third.next() & ~0xF000) | 0x8000
        let low = (third.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return WireUUID(high: high, low: low)
    }

    /// FNV-1a, 64 bits: a stable hash of the prefix (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
