import Testing
import ZeroMQ

@Suite("CURVE encryption")
struct CurveTests {
    @Test("A key pair is two 40-character Z85 keys, and the public key follows from the secret")
    func keyPair() throws {
        let pair = try ZMQCurve.keyPair()
        #expect(pair.publicKey.utf8.count == 40)
        #expect(pair.secretKey.utf8.count == 40)
        #expect(pair.publicKey != pair.secretKey)
        #expect(try ZMQCurve.publicKey(fromSecret: pair.secretKey) == pair.publicKey)

        let key = try ZMQCurveKey(z85: pair.publicKey)
        #expect(key.bytes.count == 32)
        #expect(key.z85 == pair.publicKey)
        #expect(try ZMQCurveKey(bytes: key.bytes) == key)
        #expect(!key.description.contains(pair.publicKey), "keys are not printed")
        #expect(throws: ZMQError.self) { try ZMQCurveKey(z85: "too short") }
        #expect(throws: ZMQError.self) { try ZMQCurveKey(bytes: [1, 2, 3]) }
    }

    @Test("Z85 matches the RFC 32 test vector")
    func z85() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(try ZMQZ85.encode(bytes) == "HelloWorld")
        #expect(try ZMQZ85.decode("HelloWorld") == bytes)
        #expect(throws: ZMQError.self) { try ZMQZ85.encode([1, 2, 3]) }
        #expect(throws: ZMQError.self) { try ZMQZ85.decode("abc") }
    }

    @Test("A CURVE client with the server's key exchanges messages with the server")
    func encryptedExchange() throws {
        let context = try ZMQContext()
        let server = try ZMQCurve.keyPair()
        let client = try ZMQCurve.keyPair()

        let pull = try makeSocket(context, .pull)
        try pull.set(.curveServer, true)
        try pull.set(.curveSecretKey, ZMQCurveKey(z85: server.secretKey))
        try pull.set(.zapDomain, "peixun")
        #expect(try pull.get(.curveServer))
        #expect(try pull.get(.zapDomain) == "peixun")
        let endpoint = try bindLoopback(pull)

        let push = try makeSocket(context, .push)
        try push.set(.curveServerKey, ZMQCurveKey(z85: server.publicKey))
        try push.set(.curvePublicKey, ZMQCurveKey(z85: client.publicKey))
        try push.set(.curveSecretKey, ZMQCurveKey(z85: client.secretKey))
        #expect(try push.get(.curveServerKey).z85 == server.publicKey)
        try push.connect(endpoint)

        try push.sendMultipart([[UInt8]("机密"), [UInt8]("成绩单")])
        #expect(try pull.receiveMultipart() == [[UInt8]("机密"), [UInt8]("成绩单")])
    }

    @Test("A CURVE client with the wrong server key gets nothing through")
    func wrongServerKey() throws {
        let context = try ZMQContext()
        let server = try ZMQCurve.keyPair()
        let impostor = try ZMQCurve.keyPair()
        let client = try ZMQCurve.keyPair()

        let pull = try context.socket(.pull)
        try pull.set(.curveServer, true)
        try pull.set(.curveSecretKey, ZMQCurveKey(z85: server.secretKey))
        try pull.set(.receiveTimeout, 300)
        let endpoint = try bindLoopback(pull)

        let push = try context.socket(.push)
        try push.set(.curveServerKey, ZMQCurveKey(z85: impostor.publicKey))
        try push.set(.curvePublicKey, ZMQCurveKey(z85: client.publicKey))
        try push.set(.curveSecretKey, ZMQCurveKey(z85: client.secretKey))
        try push.connect(endpoint)

        // Queued on the not-yet-established connection; the handshake fails, so it never leaves.
        try push.send("should not arrive", dontWait: true)
        #expect(try pull.receive() == nil)
    }

    @Test("Heartbeat options can be set and read back")
    func heartbeats() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.set(.heartbeatInterval, 1_000)
        try socket.set(.heartbeatTimeout, 3_000)
        try socket.set(.heartbeatTTL, 6_000)
        #expect(try socket.get(.heartbeatInterval) == 1_000)
        #expect(try socket.get(.heartbeatTimeout) == 3_000)
        #expect(try socket.get(.heartbeatTTL) == 6_000)
    }
}
