public import PeixunTransport
public import ZeroMQ

/// CURVE on the broker's sockets: its secret key, and the client keys it lets in.
///
/// `description` shows no key.
public struct BrokerSecurity: Sendable, Hashable, CustomStringConvertible {
    public var secretKey: ZMQCurveKey
    public var allowList: AllowList

    /// The ZAP domain of the broker's sockets (libzmq passes it to the handler with each handshake).
    static let zapDomain = "peixun"

    public init(secretKey: ZMQCurveKey, allowList: AllowList) {
        self.secretKey = secretKey
        self.allowList = allowList
    }

    /// The broker's part of a key folder: `broker.key` and `allowed`.
    public init(keys: KeyFolder) throws(KeyFileError) {
        self.init(secretKey: try keys.brokerSecretKey(), allowList: try keys.allowList())
    }

    public var description: String { "BrokerSecurity(CURVE, \(allowList.count) allowed keys)" }
}

extension ZMQSocket {
    /// Makes a socket the broker binds a CURVE server when `security` is given (before `bind`).
    func secure(_ security: BrokerSecurity?) throws(ZMQError) {
        guard let security else { return }
        try makeCurveServer(secretKey: security.secretKey, zapDomain: BrokerSecurity.zapDomain)
    }
}
