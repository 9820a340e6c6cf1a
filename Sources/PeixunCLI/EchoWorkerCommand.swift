import ArgumentParser
import Foundation
import Logging
import PeixunTransport
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `peixun echo-worker`: a diagnostic worker that answers every request with its body followed by
/// ` <- <name>`. Used to check the request path end to end (and by the integration tests).
struct EchoWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-worker",
        abstract: "Diagnostic: register a service that echoes each request body, tagged with this worker's name."
    )

    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @Option(help: "Service name to register.")
    var service = "echo"

    @Option(help: "Name appended to each answer.")
    var name = "echo-\(ProcessInfo.processInfo.processIdentifier)"

    @Option(help: "Requests in flight at most.")
    var credit = 16

    @Option(help: "Heartbeat interval in milliseconds (must match the broker's).")
    var heartbeatMilliseconds = 1000

    func run() async throws {
        LoggingBootstrap.once(level: .info)
        ParentWatch.startIfSupervised()
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: service, credit: credit,
                heartbeatInterval: .milliseconds(heartbeatMilliseconds), instance: name),
            logger: Logger(label: "peixun.echo-worker"))
        let suffix = Array(" <- \(name)".utf8)
        let service = ThreadService(name: "peixun-echo") { context in
            StandardOutput.line("peixun echo-worker ready service=\(self.service) name=\(name)")
            try worker.run(context: context) { body in Array(body) + suffix }
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "peixun.echo-worker")))
        try await group.run()
    }
}

/// A blocking socket loop as a lifecycle `Service`: the loop runs on its own thread with a fresh
/// context, and graceful shutdown or cancellation shuts the context down to stop it.
struct ThreadService: Service {
    let name: String
    let body: @Sendable (ZMQContext) throws -> Void

    func run() async throws {
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
