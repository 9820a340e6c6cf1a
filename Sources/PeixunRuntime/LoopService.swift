public import ServiceLifecycle
import PeixunTransport
public import ZeroMQ

/// A blocking socket loop as a swift-service-lifecycle `Service`: the loop runs on its own
/// thread with a fresh context; graceful shutdown (SIGTERM/SIGINT) or cancellation shuts the
/// context down, which ends the loop with ETERM, and `run()` returns once it has.
public struct LoopService: Service {
    public let name: String
    let body: @Sendable (ZMQContext) throws -> Void

    public init(name: String, _ body: @escaping @Sendable (ZMQContext) throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        let context = try ZMQContext()
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await DedicatedThread.run(name: name) { try body(context) }
            } onCancel: {
                context.shutdown()
            }
        } onGracefulShutdown: {
            context.shutdown()
        }
    }
}
