/// The ZeroMQ Authentication Protocol (ZAP, RFC 27): libzmq asks a REP socket bound at
/// ``endpoint`` in the same context about every handshake of a socket with a security mechanism,
/// and lets the peer in only on a `200` reply.
///
/// Bind the handler before any socket that needs it binds: with no handler there, libzmq lets
/// every peer with a valid handshake in.
public enum ZMQZAP {
    /// Where libzmq sends its requests (`inproc://zeromq.zap.01`).
    public static let endpoint = "inproc://zeromq.zap.01"
    static let version: [UInt8] = Array("1.0".utf8)

    /// One authentication request: which socket (domain), which peer (address), and its credentials.
    public struct Request: Sendable, Hashable {
        public var requestID: [UInt8]
        public var domain: String
        /// The peer's IP address (without port) for tcp.
        public var address: String
        /// `NULL`, `PLAIN` or `CURVE`.
        public var mechanism: String
        /// For CURVE, one frame: the client's 32-byte public key.
        public var credentials: [[UInt8]]

        /// Reads a request's frames: `.invalidArgument` for any other shape or version.
        public init(frames: [[UInt8]]) throws(ZMQError) {
            guard frames.count >= 6, frames[0] == ZMQZAP.version else {
                throw ZMQError(
                    code: .invalidArgument, errno: Errno.invalidArgument,
                    message: "not a ZAP 1.0 request (\(frames.count) frames)", operation: "ZMQZAP.Request")
            }
            requestID = frames[1]
            domain = String(decoding: frames[2], as: UTF8.self)
            address = String(decoding: frames[3], as: UTF8.self)
            // frames[4] is the socket's routing id, which Peixun does not use.
            mechanism = String(decoding: frames[5], as: UTF8.self)
            credentials = Array(frames.dropFirst(6))
        }

        /// The CURVE client's public key, when this is a CURVE request.
        public var curvePublicKey: ZMQCurveKey? {
            guard mechanism == "CURVE", credentials.count == 1 else { return nil }
            return try? ZMQCurveKey(bytes: credentials[0])
        }

        /// The reply frames: `200` lets the peer in (as `userID`), `400` refuses it.
        public func reply(accepted: Bool, text: String, userID: String = "") -> [[UInt8]] {
            ZMQZAP.reply(requestID: requestID, status: accepted ? "200" : "400", text: text, userID: userID)
        }
    }

    /// Reply frames with any status: `200` success, `300` try again, `400` refused, `500` internal error.
    public static func reply(requestID: [UInt8], status: String, text: String, userID: String = "") -> [[UInt8]] {
        [version, requestID, Array(status.utf8), Array(text.utf8), Array(userID.utf8), []]
    }
}
