/// A peer of the broker's ROUTER socket, named by the routing id the socket gave it.
///
/// The router never looks inside the bytes; it only compares and hashes them.
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    /// The routing id exactly as the ROUTER socket reported it.
    public var bytes: [UInt8]

    /// Wraps a routing id.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Hex, because routing ids are usually binary (libzmq's are a zero byte and a counter).
    public var description: String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { byte in [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] })
    }
}

/// The 16-byte identifier (a UUID) a client gives each request; the reply carries it back.
///
/// Stored as two words so that hashing and comparing a request id costs no allocation.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    /// The first eight bytes, big-endian.
    public var high: UInt64
    /// The last eight bytes, big-endian.
    public var low: UInt64

    /// A request id from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A request id from exactly 16 bytes as they travel on the wire; `nil` for any other length
    /// (the I/O loop then reports the message with ``RequestRouter/malformedMessage(from:)``).
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                high = high << 8 | UInt64(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        self.init(high: high, low: low)
    }

    /// The 16 bytes as they travel on the wire.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let word = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> (UInt64(7 - index % 8) * 8))
        }
    }

    /// 32 hex digits.
    public var description: String {
        PeerID(bytes).description
    }
}

/// A request as the router knows it: the client that sent it and the id that client chose.
///
/// Two clients may pick the same id without meeting, so the id alone is not a key.
struct RequestKey: Hashable, Sendable {
    var client: PeerID
    var requestID: RequestID
}
