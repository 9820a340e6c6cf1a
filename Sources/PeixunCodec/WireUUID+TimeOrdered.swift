extension WireUUID {
    /// A version-7 UUID (RFC 9562): the Unix time in milliseconds, then 74 random bits.
    ///
    /// For keys inserted thousands of times a second (enrollments, command ids in a service's
    /// ledger): ids made one after another sort by time, so an index on them grows at its end
    /// instead of at a random leaf per row. With random (v4) ids every command of a group commit
    /// dirtied its own page of such an index, and each dirty page is 4 KB more of WAL to write
    /// and sync.
    public static func timeOrdered(at time: WireTimestamp = .now) -> WireUUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(clamping: max(0, time.microsecondsSinceEpoch / 1000)) & 0xFFFF_FFFF_FFFF
        let random: (UInt64, UInt64) = (generator.next(), generator.next())
        let high = milliseconds << 16 | 0x7000 | random.0 & 0x0FFF
        let low = random.1 & ~(0xC000 << 48) | (0x8000 << 48)
        return WireUUID(high: high, low: low)
    }
}
