import Foundation

/// A real broker process on free loopback ports.
struct BrokerFixture {
    let process: PeixunProcess
    let requests: String
    let publishers: String
    let subscribers: String

    static func start(heartbeatMilliseconds: Int = 1000, extraArguments: [String] = []) async throws -> BrokerFixture {
        try await start(
            requests: "tcp://127.0.0.1:0", publishers: "tcp://127.0.0.1:0", subscribers: "tcp://127.0.0.1:0",
            heartbeatMilliseconds: heartbeatMilliseconds, extraArguments: extraArguments)
    }

    /// The same broker again, on the same endpoints (after it was killed).
    func restart() async throws -> BrokerFixture {
        try await Self.start(requests: requests, publishers: publishers, subscribers: subscribers)
    }

    static func start(
        requests: String, publishers: String, subscribers: String, heartbeatMilliseconds: Int = 1000,
        extraArguments: [String] = []
    ) async throws -> BrokerFixture {
        let process = try PeixunProcess([
            "broker", "--requests", requests, "--publishers", publishers,
            "--subscribers", subscribers, "--heartbeat-milliseconds", "\(heartbeatMilliseconds)",
        ] + extraArguments)
        let line = try await process.waitForLine(startingWith: "peixun broker ready")
        func endpoint(_ key: String) throws -> String {
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix(key + "=") }) else {
                throw IntegrationError("no \(key)= in '\(line)'")
            }
            return String(field.dropFirst(key.count + 1))
        }
        return BrokerFixture(
            process: process, requests: try endpoint("requests"), publishers: try endpoint("publishers"),
            subscribers: try endpoint("subscribers"))
    }

    /// Starts an echo worker process and waits until it says it is up.
    func startEchoWorker(
        name: String, service: String = "echo", heartbeatMilliseconds: Int = 1000, _ extra: [String] = []
    ) async throws -> PeixunProcess {
        let worker = try PeixunProcess([
            "echo-worker", "--broker", requests, "--service", service, "--name", name,
            "--heartbeat-milliseconds", "\(heartbeatMilliseconds)",
        ] + extra)
        _ = try await worker.waitForLine(startingWith: "peixun echo-worker ready")
        return worker
    }

    /// Starts `peixun <service>` against this broker with its store in `folder`, and waits until
    /// it says it is ready.
    func startService(_ service: String, data folder: URL, _ extra: [String] = []) async throws -> PeixunProcess {
        let process = try PeixunProcess(
            [service, "--broker", requests, "--publishers", publishers, "--subscribers", subscribers, "--data", folder.path]
                + extra)
        try await process.waitForLine(startingWith: "peixun \(service) ready")
        return process
    }
}
