import Testing
import ZeroMQ

@Suite("Socket options")
struct OptionTests {
    @Test("Linger is 0 from creation so closing never waits for unsent messages")
    func lingerDefault() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.push)
        #expect(try socket.get(.linger) == 0)
    }

    @Test("Readable options round-trip")
    func roundTrips() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.set(.sendHighWaterMark, 1_234)
        try socket.set(.receiveHighWaterMark, 4_321)
        try socket.set(.linger, 250)
        try socket.set(.heartbeatInterval, 500)
        try socket.set(.receiveTimeout, 70)
        try socket.set(.sendTimeout, 80)
        try socket.set(.reconnectInterval, 150)
        try socket.set(.reconnectIntervalMax, 5_000)
        try socket.set(.maxMessageSize, 1 << 20)
        try socket.set(.immediate, true)
        try socket.set(.routingID, [UInt8]("worker-7"))

        #expect(try socket.get(.sendHighWaterMark) == 1_234)
        #expect(try socket.get(.receiveHighWaterMark) == 4_321)
        #expect(try socket.get(.linger) == 250)
        #expect(try socket.get(.heartbeatInterval) == 500)
        #expect(try socket.get(.receiveTimeout) == 70)
        #expect(try socket.get(.sendTimeout) == 80)
        #expect(try socket.get(.reconnectInterval) == 150)
        #expect(try socket.get(.reconnectIntervalMax) == 5_000)
        #expect(try socket.get(.maxMessageSize) == 1 << 20)
        #expect(try socket.get(.immediate))
        #expect(try socket.get(.routingID) == [UInt8]("worker-7"))
    }

    @Test("Write-only options can be set; reading one is a typed error")
    func writeOnly() throws {
        let context = try ZMQContext()
        let xpub = try context.socket(.xpub)
        try xpub.set(.xpubNoDrop, true)
        try xpub.set(.xpubVerbose, true)
        let router = try context.socket(.router)
        try router.set(.routerMandatory, true)
        let error = #expect(throws: ZMQError.self) { try router.get(.routerMandatory) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.operation.contains("ZMQ_ROUTER_MANDATORY") == true)
    }

    @Test("lastEndpoint resolves a wildcard port")
    func lastEndpoint() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.pull)
        let endpoint = try bindLoopback(socket)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix("*"))
        try socket.unbind(endpoint)
    }
}
