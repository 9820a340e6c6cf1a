import ArgumentParser
import Foundation
import Logging
import PeixunRuntime
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

    @OptionGroup var keys: KeyOptions

    func run() async throws {
        LoggingBootstrap.once(level: .info)
        ParentWatch.startIfSupervised()
        let worker = Worker(
            configuration: WorkerConfiguration(
                broker: broker, service: service, credit: credit,
                heartbeatInterval: .milliseconds(heartbeatMilliseconds), instance: name, curve: try keys.curve()),
            logger: Logger(label: "peixun.echo-worker"))
        let suffix = Array(" <- \(name)".utf8)
        let service = LoopService(name: "peixun-echo") { context in
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
