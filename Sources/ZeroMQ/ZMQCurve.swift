import CZeroMQ

/// A 32-byte CURVE key, made from its binary form or its 40-character Z85 form.
///
/// `description` never shows the key (it may be a secret); use `z85` deliberately.
public struct ZMQCurveKey: Sendable, Hashable, CustomStringConvertible {
    static let byteCount = 32
    static let z85Count = 40

    /// The 32 key bytes.
    public let bytes: [UInt8]

    /// A key from its 32 binary bytes.
    public init(bytes: [UInt8]) throws(ZMQError) {
        guard bytes.count == Self.byteCount else {
            throw ZMQError(
                code: .invalidArgument, errno: Errno.invalidArgument,
                message: "a CURVE key is 32 bytes; got \(bytes.count)", operation: "ZMQCurveKey(bytes:)")
        }
        self.bytes = bytes
    }

    /// A key from its 40-character Z85 text (`.z85Length` or `.z85Character` when it is not one).
    public init(z85: String) throws(ZMQError) {
        guard z85.utf8.count == Self.z85Count else {
            throw ZMQError(
                code: .z85Length, errno: Errno.invalidArgument,
                message: "a Z85 CURVE key is 40 characters; got \(z85.utf8.count)", operation: "ZMQCurveKey(z85:)")
        }
        self.bytes = try ZMQZ85.decode(z85)
    }

    /// The 40-character Z85 form.
    public var z85: String {
        // 32 bytes is a multiple of 4, so encoding cannot fail.
        (try? ZMQZ85.encode(bytes)) ?? ""
    }

    public var description: String { "ZMQCurveKey(32 bytes)" }
}

/// CurveZMQ key generation (needs a libzmq built with CURVE: `ZMQ.has("curve")`).
public enum ZMQCurve {
    /// A fresh key pair, both keys as 40-character Z85 text.
    public static func keyPair() throws(ZMQError) -> (publicKey: String, secretKey: String) {
        var publicKey = [CChar](repeating: 0, count: ZMQCurveKey.z85Count + 1)
        var secretKey = [CChar](repeating: 0, count: ZMQCurveKey.z85Count + 1)
        _ = try zmqCall("zmq_curve_keypair") {
            publicKey.withUnsafeMutableBufferPointer { pub in
                secretKey.withUnsafeMutableBufferPointer { zmq_curve_keypair(pub.baseAddress, $0.baseAddress) }
            }
        }
        return (string(publicKey), string(secretKey))
    }

    /// The public key belonging to a Z85 secret key.
    public static func publicKey(fromSecret secretKey: String) throws(ZMQError) -> String {
        guard secretKey.utf8.count == ZMQCurveKey.z85Count else {
            throw ZMQError(
                code: .z85Length, errno: Errno.invalidArgument,
                message: "a Z85 CURVE key is 40 characters", operation: "zmq_curve_public")
        }
        var publicKey = [CChar](repeating: 0, count: ZMQCurveKey.z85Count + 1)
        let secret = secretKey.utf8.map { CChar(bitPattern: $0) } + [0]
        _ = try zmqCall("zmq_curve_public") {
            publicKey.withUnsafeMutableBufferPointer { pub in
                secret.withUnsafeBufferPointer { zmq_curve_public(pub.baseAddress, $0.baseAddress) }
            }
        }
        return string(publicKey)
    }

    private static func string(_ cString: [CChar]) -> String {
        String(decoding: cString.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
