import ArgumentParser
import Foundation
import Logging
import PeixunBroker
import PeixunTransport
import ServiceLifecycle
import UnixSignals

/// `peixun broker`: the event bus and the request router, one process.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the broker: the event bus (XSUB/XPUB) and the request router (ROUTER).",
        discussion: """
            Prints one line to standard output once every endpoint is bound:
              peixun broker ready requests=<endpoint> publishers=<endpoint> subscribers=<endpoint>
            A port of 0 or * binds a free port; the line shows the port chosen.
            """
    )

    @Option(help: "Endpoint for clients and workers (ROUTER).")
    var requests = "tcp://127.0.0.1:5570"

    @Option(help: "Endpoint for event publishers (XSUB).")
    var publishers = "tcp://127.0.0.1:5571"

    @Option(help: "Endpoint for event subscribers (XPUB).")
    var subscribers = "tcp://127.0.0.1:5572"

    @Option(help: "Heartbeat interval to workers, in milliseconds; a worker silent for 3 intervals is dropped.")
    var heartbeatMilliseconds = 1000

    @Option(help: "Per-subscriber send high-water mark, in messages.")
    var subscriberHighWaterMark: Int32 = 100_000

    @Option(help: "Publisher-side receive high-water mark, in messages.")
    var publisherHighWaterMark: Int32 = 100_000

    @Option(help: "Folder of CURVE keys made by `peixun keys`: every socket encrypted, clients checked against its allow-list. Without it the broker binds loopback only.")
    var keys: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard heartbeatMilliseconds > 0 else { throw ValidationError("--heartbeat-milliseconds must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        LoggingBootstrap.once(level: Logger.Level(rawValue: logLevel) ?? .info)
        ParentWatch.startIfSupervised()
        let logger = Logger(label: "peixun.broker")
        let configuration = BrokerConfiguration(
            requestEndpoint: Self.anyPort(requests),
            bus: BusConfiguration(
                publisherEndpoint: Self.anyPort(publishers), subscriberEndpoint: Self.anyPort(subscribers),
                receiveHighWaterMark: publisherHighWaterMark, sendHighWaterMark: subscriberHighWaterMark),
            router: RouterConfiguration(heartbeatInterval: .milliseconds(heartbeatMilliseconds), liveness: 3),
            security: try keys.map { try BrokerSecurity(keys: KeyFolder(path: $0)) }
        )
        // Said before the service group starts, so the message is the process's last word.
        try configuration.checkPlaintextBinds()
        let broker = Broker(configuration: configuration, logger: logger) { endpoints in
            // One line on stdout for scripts and `peixun up`; logs go to stderr.
            StandardOutput.line("peixun broker ready \(endpoints)")
            logger.info("broker ready", metadata: ["endpoints": "\(endpoints)"])
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: broker)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    /// libzmq spells "any free port" as `*`; accept `0` too, which is what people type.
    static func anyPort(_ endpoint: String) -> String {
        endpoint.hasSuffix(":0") ? String(endpoint.dropLast()) + "*" : endpoint
    }
}
