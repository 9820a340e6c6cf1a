/// What a CURVE client needs: the server's public key, and its own key pair.
///
/// `description` shows no key: the secret must never reach a log.
public struct ZMQCurveClientKeys: Sendable, Hashable, CustomStringConvertible {
    /// The public key of the server this client will accept (a man in the middle has another).
    public var serverKey: ZMQCurveKey
    /// This client's public key: what the server's ZAP handler sees and checks.
    public var publicKey: ZMQCurveKey
    public var secretKey: ZMQCurveKey

    public init(serverKey: ZMQCurveKey, publicKey: ZMQCurveKey, secretKey: ZMQCurveKey) {
        self.serverKey = serverKey
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    public var description: String { "ZMQCurveClientKeys(3 keys)" }
}

extension ZMQSocket {
    /// Makes this socket a CURVE client of the server holding `keys.serverKey`'s secret. Set it
    /// before `connect`: libzmq takes the mechanism of a connection when it is made.
    public func makeCurveClient(_ keys: ZMQCurveClientKeys) throws(ZMQError) {
        try set(.curveServerKey, keys.serverKey)
        try set(.curvePublicKey, keys.publicKey)
        try set(.curveSecretKey, keys.secretKey)
    }

    /// `connect`, as a CURVE client first when `curve` is given, in plaintext otherwise.
    public func connect(_ endpoint: String, curve: ZMQCurveClientKeys?) throws(ZMQError) {
        if let curve { try makeCurveClient(curve) }
        try connect(endpoint)
    }

    /// Makes this socket a CURVE server with `secretKey` whose clients are authenticated by the
    /// ZAP handler of its context (``ZMQZAP``) in `zapDomain`. Set it before `bind`.
    public func makeCurveServer(secretKey: ZMQCurveKey, zapDomain: String) throws(ZMQError) {
        try set(.curveServer, true)
        try set(.curveSecretKey, secretKey)
        try set(.zapDomain, zapDomain)
    }
}
