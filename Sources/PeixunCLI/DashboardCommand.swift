import ArgumentParser
import Foundation
import Logging
import PeixunDashboard
import PeixunRuntime
import ServiceLifecycle
import UnixSignals

/// `peixun dashboard`: the organisation department's wall screen. Follows the bus, starts each
/// organisation's board from reporting's `ShowDashboard`, and serves the page, the JSON state
/// and a Server-Sent Events feed behind per-organisation tokens (`peixun token`).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Serve the live dashboard (page, /api/dashboard, /api/events) from the event stream.",
        discussion: """
            Prints `peixun dashboard ready url=http://HOST:PORT` once listening (port 0 picks a free port; \
            the real one is printed). Tokens are read from <data>/dashboard-tokens.json, made by `peixun token`.
            """
    )

    @Option(help: "The broker's request endpoint (for reporting's queries).")
    var broker = "tcp://127.0.0.1:5570"

    @Option(help: "The broker's subscriber endpoint (XPUB).")
    var subscribers = "tcp://127.0.0.1:5572"

    @Option(help: "Where to listen for HTTP, HOST:PORT (loopback by default).")
    var http = "127.0.0.1:5580"

    @Option(help: "Folder of dashboard-tokens.json.")
    var data = "./peixun-data"

    @OptionGroup var keys: KeyOptions

    func run() async throws {
        ServiceProcessOptions.startProcess()
        let logger = Logger(label: "peixun.dashboard")
        let (host, port) = try Self.address(http)
        let hub = DashboardHub()
        var feed = DashboardFeed(hub: hub, subscribers: subscribers, requests: broker, logger: logger)
        feed.curve = try keys.curve()
        let tokens = TokenRegistry(file: TokenFile(data: data), logger: logger)
        let app = DashboardServer(hub: hub, tokens: tokens).application(
            host: host, port: port, services: [LoopService(name: "dashboard-feed") { [feed] in try feed.run(context: $0) }],
            logger: logger
        ) { port in
            StandardOutput.line("peixun dashboard ready url=http://\(host):\(port)")
        }
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// `127.0.0.1:8080` → ("127.0.0.1", 8080).
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--http wants HOST:PORT, e.g. 127.0.0.1:5580 (got \(text))")
        }
        return (String(text[..<colon]), port)
    }
}

/// `peixun token --org CODE`: a new dashboard token for an organisation (and everything below
/// it). Printed once; only its SHA-256 is kept, in <data>/dashboard-tokens.json.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make a dashboard token for an organisation (printed once; only its hash is stored)."
    )

    @Option(help: "The organisation code the token opens (with everything below it).")
    var org: String

    @Option(help: "Folder of dashboard-tokens.json (the dashboard's --data).")
    var data = "./peixun-data"

    @ArgumentParser.Flag(help: "Print {\"organisationCode\", \"token\"} as JSON.")
    var json = false

    func run() throws {
        let token = try TokenFile(data: data).issue(for: org)
        StandardOutput.line(json ? #"{"organisationCode":\#(JSONValue.string(org).rendered),"token":"\#(token)"}"# : token)
    }
}
