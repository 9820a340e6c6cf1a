/// A 16-byte UUID carried as two integers: cheap to compare, hash and encode, no Foundation.
public struct WireUUID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first eight bytes, big-endian (the first 16 hex digits of the text form).
    public var high: UInt64
    /// The last eight bytes, big-endian.
    public var low: UInt64

    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = WireUUID(high: 0, low: 0)

    /// A random version-4 UUID.
    public static func random() -> WireUUID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A version-4 UUID from the given generator (deterministic under a seeded generator).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> WireUUID {
        let high = (generator.next() as UInt64) & ~0xF000 | 0x4000
        let low = (generator.next() as UInt64) & ~(0xC000 << 48) | (0x8000 << 48)
        return WireUUID(high: high, low: low)
    }

    /// Parses the 36-character text form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, either case).
    public init?(_ text: String) {
        var digits: [UInt8] = []
        digits.reserveCapacity(32)
        for (index, byte) in text.utf8.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let digit = Self.hexValue(byte) else { return nil }
            digits.append(digit)
        }
        guard digits.count == 32, text.utf8.count == 36 else { return nil }
        high = digits[0..<16].reduce(0) { $0 << 4 | UInt64($1) }
        low = digits[16..<32].reduce(0) { $0 << 4 | UInt64($1) }
    }

    /// The 16 bytes in wire order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// Lower-case text form.
    public var description: String {
        let hex = bytes.map { byte -> String in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }
            .joined(separator: "-")
    }

    public static func < (lhs: WireUUID, rhs: WireUUID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
