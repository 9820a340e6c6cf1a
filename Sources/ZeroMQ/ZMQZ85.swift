import CZeroMQ

/// Z85, ZeroMQ's printable encoding of binary data (RFC 32): 4 bytes become 5 characters.
public enum ZMQZ85 {
    /// The 85 characters of Z85, in value order.
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    /// Encodes `bytes`, whose count must be a multiple of 4 (`.z85Length` otherwise).
    public static func encode(_ bytes: [UInt8]) throws(ZMQError) -> String {
        guard bytes.count % 4 == 0 else {
            throw ZMQError(
                code: .z85Length, errno: Errno.invalidArgument,
                message: "Z85 encodes whole groups of 4 bytes; got \(bytes.count)", operation: "zmq_z85_encode")
        }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        _ = try zmqCall("zmq_z85_encode") {
            text.withUnsafeMutableBufferPointer { dest in
                bytes.withUnsafeBufferPointer { zmq_z85_encode(dest.baseAddress, $0.baseAddress, $0.count) }
            }
        }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 `text`: `.z85Length` unless its length is a multiple of 5, `.z85Character`
    /// (with the position) for a character outside the alphabet.
    public static func decode(_ text: String) throws(ZMQError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count % 5 == 0 else {
            throw ZMQError(
                code: .z85Length, errno: Errno.invalidArgument,
                message: "Z85 decodes whole groups of 5 characters; got \(utf8.count)", operation: "zmq_z85_decode")
        }
        // Checked here because libzmq only answers NULL, without saying which character or why.
        if let position = utf8.firstIndex(where: { !alphabet.contains($0) }) {
            throw ZMQError(
                code: .z85Character, errno: Errno.invalidArgument,
                message: "not a Z85 character at position \(position + 1)", operation: "zmq_z85_decode")
        }
        var bytes = [UInt8](repeating: 0, count: utf8.count / 5 * 4)
        let cString = utf8.map { CChar(bitPattern: $0) } + [0]
        _ = try zmqCall("zmq_z85_decode") {
            bytes.withUnsafeMutableBufferPointer { dest in
                cString.withUnsafeBufferPointer { zmq_z85_decode(dest.baseAddress, $0.baseAddress) }
            }
        }
        return bytes
    }
}
