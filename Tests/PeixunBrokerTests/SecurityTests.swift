import Foundation
import Logging
@testable import PeixunBroker
import PeixunTransport
import Testing
import ZeroMQ

@Suite("Keys, the allow-list and the loopback rule")
struct SecurityTests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("peixun-keys-\(UUID().uuidString)").path
    }

    @Test(
        "Without keys only this machine's addresses may be bound",
        arguments: [
            ("tcp://127.0.0.1:5570", true), ("tcp://127.0.0.1:*", true), ("tcp://127.8.9.10:1", true),
            ("tcp://localhost:5570", true), ("tcp://[::1]:5570", true), ("ipc:///tmp/peixun.sock", true),
            ("inproc://broker", true), ("tcp://0.0.0.0:5570", false), ("tcp://*:5570", false),
            ("tcp://10.0.0.5:5570", false), ("tcp://eth0:5570", false), ("tcp://[::]:5570", false),
            ("tcp://127.0.0.1.example.com:5570", false), ("tcp://128.0.0.1:5570", false), ("ws://127.0.0.1:80", false),
        ]
    )
    func loopbackRule(endpoint: String, allowed: Bool) {
        #expect(PlaintextBindRule.isLocal(endpoint) == allowed)
    }

    @Test("A broker without keys refuses a public endpoint, naming it and saying how to make keys")
    func brokerRefusesPublicBindWithoutKeys() async {
        let configuration = BrokerConfiguration(
            requestEndpoint: "tcp://127.0.0.1:*",
            bus: BusConfiguration(publisherEndpoint: "tcp://0.0.0.0:*", subscriberEndpoint: "tcp://127.0.0.1:*"))
        let broker = PeixunBroker.Broker(configuration: configuration, logger: Logger(label: "test"))
        let error = await #expect(throws: PlaintextBindError.self) { try await broker.run() }
        #expect(error?.endpoint == "tcp://0.0.0.0:*")
        #expect(error?.description.contains("peixun keys") == true)
    }

    @Test("A broker with keys answers the allowed key, gives an unknown key nothing, and counts both peers")
    func brokerCountsPeers() async throws {
        let broker = try ZMQCurve.keyPair()
        let allowed = try ZMQCurve.keyPair()
        let unknown = try ZMQCurve.keyPair()
        let serverKey = try ZMQCurveKey(z85: broker.publicKey)
        let allowedKey = try ZMQCurveKey(z85: allowed.publicKey)
        let configuration = BrokerConfiguration(
            requestEndpoint: "tcp://127.0.0.1:*",
            bus: BusConfiguration(publisherEndpoint: "tcp://127.0.0.1:*", subscriberEndpoint: "tcp://127.0.0.1:*"),
            security: BrokerSecurity(
                secretKey: try ZMQCurveKey(z85: broker.secretKey), allowList: AllowList([allowedKey: "enrollment"])))
        let (ready, announce) = AsyncStream<BrokerEndpoints>.makeStream()
        let service = PeixunBroker.Broker(configuration: configuration, logger: Logger(label: "test")) { endpoints in
            announce.yield(endpoints)
            announce.finish()
        }
        let running = Task { try await service.run() }
        defer { running.cancel() }
        let endpoint = try #require(await ready.first { _ in true }).requests

        let answered = try await DedicatedThread.run(name: "allowed-client") {
            let keys = ZMQCurveClientKeys(
                serverKey: serverKey, publicKey: allowedKey, secretKey: try ZMQCurveKey(z85: allowed.secretKey))
            return try RequestClient(context: try ZMQContext(), broker: endpoint, curve: keys)
                .request(service: "broker.status", body: []).status
        }
        #expect(answered == .ok)

        let unanswered = try await DedicatedThread.run(name: "unknown-client") {
            let keys = ZMQCurveClientKeys(
                serverKey: serverKey, publicKey: try ZMQCurveKey(z85: unknown.publicKey),
                secretKey: try ZMQCurveKey(z85: unknown.secretKey))
            let client = try RequestClient(context: try ZMQContext(), broker: endpoint, curve: keys)
            do {
                _ = try client.request(service: "broker.status", body: [], timeout: .milliseconds(200))
                return nil as RequestClientError?
            } catch let error as RequestClientError {
                return error
            }
        }
        #expect(unanswered?.description.contains("allow-list") == true)
        #expect(service.peerCounters.value.accepted >= 1)
        // Counted when the handler answers the handshake: wait for it, with a deadline.
        let deadline = ContinuousClock.now + .seconds(10)
        while service.peerCounters.value.refused == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(service.peerCounters.value.refused >= 1)
    }

    @Test("With keys the same endpoint is allowed: CURVE protects it")
    func keysLiftTheLoopbackRule() throws {
        let pair = try ZMQCurve.keyPair()
        let configuration = BrokerConfiguration(
            requestEndpoint: "tcp://0.0.0.0:*",
            security: BrokerSecurity(secretKey: try ZMQCurveKey(z85: pair.secretKey), allowList: AllowList()))
        try configuration.checkPlaintextBinds()
    }

    @Test("peixun keys writes the broker's pair, a pair per name with the secret readable by its owner only, and allows each name")
    func keyFolderLayout() throws {
        let path = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        let created = try folder.create(clients: ["enrollment", "cli"])
        #expect(created.brokerCreated)

        for name in ["broker", "enrollment", "cli"] {
            let secret = try FileManager.default.attributesOfItem(atPath: folder.file(name, secret: true))
            #expect((secret[.posixPermissions] as? Int) == 0o600, "\(name).key")
            #expect(FileManager.default.fileExists(atPath: folder.file(name, secret: false)))
        }
        let keys = try folder.clientKeys(name: "enrollment")
        #expect(try ZMQCurve.publicKey(fromSecret: keys.secretKey.z85) == keys.publicKey.z85, "the files hold one pair")
        #expect(try ZMQCurve.publicKey(fromSecret: folder.brokerSecretKey().z85) == keys.serverKey.z85)
        let allowed = try folder.allowList()
        #expect(allowed.count == 2)
        #expect(allowed.name(of: keys.publicKey) == "enrollment")
        #expect(allowed.name(of: keys.serverKey) == nil, "the broker's own key is no client")
    }

    @Test("A secret key is never overwritten: a second pair of one name is refused, another name keeps the broker's pair")
    func secretsAreNeverOverwritten() throws {
        let path = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        _ = try folder.create(clients: ["client"])
        let brokerSecret = try String(contentsOfFile: folder.file("broker", secret: true), encoding: .utf8)
        let clientSecret = try String(contentsOfFile: folder.file("client", secret: true), encoding: .utf8)

        let error = #expect(throws: KeyFileError.self) { try folder.create(clients: ["other", "client"]) }
        #expect(error?.code == .exists)
        #expect(error?.path == folder.file("client", secret: true))
        #expect(!FileManager.default.fileExists(atPath: folder.file("other", secret: true)), "nothing is written")

        let again = try folder.create(clients: ["other"])
        #expect(!again.brokerCreated)
        #expect(try String(contentsOfFile: folder.file("broker", secret: true), encoding: .utf8) == brokerSecret)
        #expect(try String(contentsOfFile: folder.file("client", secret: true), encoding: .utf8) == clientSecret)
        #expect(try folder.allowList().count == 2)
    }

    @Test("Key names are plain file names and not the layout's own", arguments: ["broker", "allowed", "../x", ".hidden", "", "a b"])
    func badNames(name: String) {
        let error = #expect(throws: KeyFileError.self) { try KeyFolder(path: Self.temporaryFolder()).create(clients: [name]) }
        #expect(error?.code == .badName)
    }

    @Test("A missing or damaged key file is named in the error, without its contents")
    func missingAndDamagedKeys() throws {
        let path = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        #expect((#expect(throws: KeyFileError.self) { try folder.clientKeys(name: "client") })?.code == .missing)
        _ = try folder.create(clients: ["client"])
        try "not a key\n".write(toFile: folder.file("client", secret: false), atomically: true, encoding: .utf8)
        let damaged = #expect(throws: KeyFileError.self) { try folder.clientKeys(name: "client") }
        #expect(damaged?.code == .malformed)
        #expect(damaged?.path == folder.file("client", secret: false))
    }

    @Test("The allow-list reads one name and key a line, skips comment lines and blank lines, and names a bad line")
    func allowListFormat() throws {
        let key = String(repeating: "0000#", count: 8)  // '#' is a Z85 character too
        let list = try AllowList(parsing: "# Peixun\n\n  enrollment \(key)\n", path: "allowed")
        #expect(list.name(of: try ZMQCurveKey(z85: key)) == "enrollment")
        let error = #expect(throws: KeyFileError.self) { try AllowList(parsing: "a \(key)\nb tooShort\n", path: "allowed") }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("line 2") == true)
        #expect(try AllowList(parsing: list.text, path: "allowed") == list)
    }

    @Test("The ZAP handler answers 200 with the key's name for an allowed key and 400 for any other, and counts both")
    func zapAnswers() throws {
        let allowed = try ZMQCurveKey(z85: ZMQCurve.keyPair().publicKey)
        let unknown = try ZMQCurveKey(z85: ZMQCurve.keyPair().publicKey)
        let handler = ZAPHandler(
            allowList: AllowList([allowed: "enrollment"]), counters: SharedValue(PeerCounters()), logger: Logger(label: "test"))
        func request(_ key: ZMQCurveKey) throws -> ZMQZAP.Request {
            try ZMQZAP.Request(frames: [
                Array("1.0".utf8), [7], Array("peixun".utf8), Array("127.0.0.1".utf8), [], Array("CURVE".utf8), key.bytes,
            ])
        }
        var refusals: [String: Int] = [:]
        let yes = handler.answer(try request(allowed), refusals: &refusals)
        #expect(yes[1] == [7] && yes[2] == Array("200".utf8) && yes[4] == Array("enrollment".utf8))
        for _ in 0..<3 {
            let no = handler.answer(try request(unknown), refusals: &refusals)
            #expect(no[2] == Array("400".utf8))
        }
        #expect(handler.counters.value.accepted == 1)
        #expect(handler.counters.value.refused == 3)
        #expect(refusals == [unknown.z85: 3])
    }

    @Test("A key refused again and again is logged at its 1st, 10th, 100th… refusal", arguments: [1, 10, 100, 1_000])
    func refusalsLoggedSparingly(times: Int) {
        #expect(ZAPHandler.isPowerOfTen(times))
        #expect(!ZAPHandler.isPowerOfTen(times + 1))
        #expect(!ZAPHandler.isPowerOfTen(times * 2))
    }
}
