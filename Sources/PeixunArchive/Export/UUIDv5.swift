import Crypto
public import PeixunCodec

extension WireUUID {
    /// Peixun's namespace for xAPI statement ids: UUIDv5(URL namespace, "https://peixun.local/archive/xapi").
    public static let archiveStatementNamespace = WireUUID(high: 0x8c1f_5e2a_7a4b_5d3e, low: 0x9f10_2b6c_4d8e_a071)

    /// A name-based UUID (RFC 9562 version 5): SHA-1 of the namespace's bytes and the name, its
    /// first 16 bytes with the version and variant bits set. The same name always gives the same id.
    public static func version5(namespace: WireUUID, name: [UInt8]) -> WireUUID {
        var hash = Array(Insecure.SHA1.hash(data: namespace.bytes + name).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let high = hash[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = hash[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}
