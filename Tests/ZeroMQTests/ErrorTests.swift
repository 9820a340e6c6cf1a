import Dispatch
import Testing
import ZeroMQ

@Suite("Errors are typed and say what failed")
struct ErrorTests {
    @Test("Binding an invalid endpoint names the endpoint and carries errno")
    func invalidEndpoint() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.pub)
        let error = #expect(throws: ZMQError.self) { try socket.bind("tcp://no-such-interface-peixun:*") }
        #expect(error.map { $0.errno != 0 } == true)
        #expect(error?.description.contains("tcp://no-such-interface-peixun:*") == true)
        #expect(error?.message.isEmpty == false)

        let unknown = #expect(throws: ZMQError.self) { try socket.bind("carrier-pigeon://nest") }
        #expect(unknown?.code == .protocolNotSupported)
    }

    @Test("A non-blocking receive on an empty socket reports would-block instead of throwing")
    func wouldBlock() throws {
        let context = try ZMQContext()
        let pull = try context.socket(.pull)
        _ = try bindLoopback(pull)
        #expect(try pull.receive(dontWait: true) == nil)
        #expect(try pull.receiveMultipart(into: ZMQFrames(), dontWait: true) == false)
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(try buffer.withUnsafeMutableBytes { try pull.receive(into: $0, dontWait: true) } == nil)
    }

    @Test("A ROUTER with routerMandatory reports an unknown peer as hostUnreachable")
    func hostUnreachable() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.set(.routerMandatory, true)
        _ = try bindLoopback(router)
        let error = #expect(throws: ZMQError.self) {
            try router.sendMultipart([[UInt8]("nobody"), [UInt8]("hello")])
        }
        #expect(error?.code == .hostUnreachable)
    }

    @Test("Using a closed socket fails with notSocket instead of touching freed memory")
    func closedSocket() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.push)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        let error = #expect(throws: ZMQError.self) { try socket.send([1]) }
        #expect(error?.code == .notSocket)
    }

    @Test("After shutdown, a receive blocked in another thread ends promptly with ETERM")
    func shutdownWakesBlockedReceive() throws {
        let context = try ZMQContext()
        let started = DispatchSemaphore(value: 0)
        let outcome = Locked<String>("nothing yet")
        let done = startThread {
            do {
                let pull = try context.socket(.pull)
                _ = try bindLoopback(pull)
                started.signal()
                let message = try pull.receive()
                outcome.value = "returned \(String(describing: message))"
            } catch let error as ZMQError {
                outcome.value = error.isTerminated ? "terminated" : "other error: \(error)"
            } catch {
                outcome.value = "unexpected: \(error)"
            }
        }
        defer { context.shutdown() }
        try #require(waitPatiently(started))
        context.shutdown()
        #expect(waitPatiently(done), "the blocked receive returned")
        #expect(outcome.value == "terminated")
    }

    @Test("libzmq version and capabilities are reported")
    func versionAndCapabilities() {
        let version = ZMQ.version
        #expect(version.major >= 4)
        #expect(ZMQ.has("curve"))
        #expect(!ZMQ.has("no-such-capability"))
    }
}
