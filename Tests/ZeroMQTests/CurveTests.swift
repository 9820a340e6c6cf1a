import Dispatch
import Foundation
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

@Suite("Z85 errors and ZAP")
struct ZAPAndZ85Tests {
    @Test("Bad Z85 says whether its length or a character is wrong, and where")
    func z85Errors() {
        let length = #expect(throws: ZMQError.self) { try ZMQZ85.decode("abcdef") }
        #expect(length?.code == .z85Length)
        let character = #expect(throws: ZMQError.self) { try ZMQZ85.decode("Hello Worl") }
        #expect(character?.code == .z85Character)
        #expect(character?.message.contains("position 6") == true)
        #expect((#expect(throws: ZMQError.self) { try ZMQZ85.encode([1, 2, 3]) })?.code == .z85Length)
        #expect((#expect(throws: ZMQError.self) { try ZMQCurveKey(z85: "HelloWorld") })?.code == .z85Length)
        let badKey = String(repeating: "a", count: 39) + "~"
        #expect((#expect(throws: ZMQError.self) { try ZMQCurveKey(z85: badKey) })?.code == .z85Character)
    }

    @Test("A ZAP handler lets in the CURVE client whose key it allows and keeps out one it does not")
    func zapDecides() throws {
        let context = try ZMQContext()
        let server = try ZMQCurve.keyPair()
        let allowed = try ZMQCurve.keyPair()
        let unknown = try ZMQCurve.keyPair()
        let allowedKey = try ZMQCurveKey(z85: allowed.publicKey)

        // The handler binds before the server socket, on the server's context, on its own thread.
        let seen = Locked<[(key: String, domain: String, accepted: Bool)]>([])
        let bound = DispatchSemaphore(value: 0)
        let handler = startThread {
            guard let zap = try? context.socket(.rep), (try? zap.bind(ZMQZAP.endpoint)) != nil else { _ = bound.signal(); return }
            _ = bound.signal()
            while let frames = try? zap.receiveMultipart(), let request = try? ZMQZAP.Request(frames: frames) {
                let accepted = request.curvePublicKey == allowedKey
                seen.mutate { $0.append((request.curvePublicKey?.z85 ?? "", request.domain, accepted)) }
                _ = try? zap.sendMultipart(request.reply(accepted: accepted, text: accepted ? "OK" : "no", userID: "allowed"))
            }
        }
        #expect(waitPatiently(bound))

        let pull = try makeSocket(context, .pull)
        try pull.makeCurveServer(secretKey: ZMQCurveKey(z85: server.secretKey), zapDomain: "test")
        let endpoint = try bindLoopback(pull)
        let serverKey = try ZMQCurveKey(z85: server.publicKey)

        let intruder = try context.socket(.push)
        try intruder.connect(endpoint, curve: ZMQCurveClientKeys(
            serverKey: serverKey, publicKey: ZMQCurveKey(z85: unknown.publicKey), secretKey: ZMQCurveKey(z85: unknown.secretKey)))
        try intruder.send("from the intruder", dontWait: true)

        let member = try makeSocket(context, .push)
        try member.connect(endpoint, curve: ZMQCurveClientKeys(
            serverKey: serverKey, publicKey: allowedKey, secretKey: ZMQCurveKey(z85: allowed.secretKey)))
        try member.send("from the allowed client")

        #expect(try pull.receive() == [UInt8]("from the allowed client"))
        // Both handshakes went to the handler; only the allowed one got through.
        #expect(waitUntil { seen.value.contains { $0.key == unknown.publicKey } })
        #expect(seen.value.contains { $0.key == unknown.publicKey && !$0.accepted && $0.domain == "test" })
        #expect(seen.value.contains { $0.key == allowed.publicKey && $0.accepted })
        #expect(try pull.receive(dontWait: true) == nil)

        context.shutdown()
        #expect(waitPatiently(handler))
    }

    @Test("A request that is not ZAP 1.0 is refused when read")
    func malformedRequest() {
        #expect(throws: ZMQError.self) { try ZMQZAP.Request(frames: [Array("2.0".utf8), [], [], [], [], []]) }
        #expect(throws: ZMQError.self) { try ZMQZAP.Request(frames: [Array("1.0".utf8)]) }
    }
}

/// Checks `condition` every 10 ms until it holds (true) or `patience` has passed (false).
func waitUntil(_ condition: () -> Bool) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(patience)))
    while !condition() {
        guard clock.now < deadline else { return false }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return true
}
