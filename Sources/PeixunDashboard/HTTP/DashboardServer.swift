import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// The dashboard's HTTP side: the page, the JSON state, the Server-Sent Events feed, health.
public struct DashboardServer: Sendable {
    let hub: DashboardHub
    let access: Access
    let page: PageFiles
    /// How often an event stream looks for a new version: updates are coalesced to this rate.
    var updateInterval: Duration = .milliseconds(250)
    /// A comment line this often keeps proxies and the browser from closing a quiet stream.
    var keepAlive: Duration = .seconds(15)

    public init(hub: DashboardHub, tokens: TokenRegistry) {
        self.hub = hub
        access = Access(tokens: tokens, boards: BoardWaiter(hub: hub))
        page = PageFiles()
    }

    /// The application on `host:port` (0: any free port); `ready` is told the real port.
    public func application(
        host: String, port: Int, services: [any Service], logger: Logger, ready: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "peixun-dashboard"),
            services: services, onServerRunning: { channel in ready(channel.localAddress?.port ?? port) }, logger: logger)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/") { _, _ in page.response("index.html") }
        router.get("/static/:name") { _, context in page.response(context.parameters.get("name") ?? "") }
        router.get("/api/dashboard") { request, _ in await guarded { () async throws(DashboardHTTPError) in try await dashboard(request) } }
        router.get("/api/events") { request, _ in await guarded { () async throws(DashboardHTTPError) in try await events(request) } }
        return router
    }

    /// A refusal becomes its JSON response.
    func guarded(_ body: () async throws(DashboardHTTPError) -> Response) async -> Response {
        do { return try await body() } catch { return error.response }
    }

    func dashboard(_ request: Request) async throws(DashboardHTTPError) -> Response {
        let code = try await access.organisation(for: request)
        let state = try await access.boards.state(of: code)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: DashboardJSON(state).encoded())))
    }

    /// `event: state` with the whole state at once, then again after each change (at most one
    /// per `updateInterval`), until the client goes away or the server stops.
    func events(_ request: Request) async throws(DashboardHTTPError) -> Response {
        let code = try await access.organisation(for: request)
        let first = try await access.boards.state(of: code)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let (hub, interval, keepAlive) = (hub, updateInterval, keepAlive)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: Self.sse(first)))
            var sent = first.version
            var quiet = Duration.zero
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                try await Task.sleep(for: interval)
                quiet += interval
                if let state = hub.board(code).state, state.version != sent {
                    try await writer.write(ByteBuffer(string: Self.sse(state)))
                    (sent, quiet) = (state.version, .zero)
                } else if quiet >= keepAlive {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    quiet = .zero
                }
            }
            try await writer.finish(nil)
        })
    }

    static func sse(_ state: DashboardState) -> String {
        "id: \(state.version)\nevent: state\ndata: \(String(decoding: DashboardJSON(state).encoded(), as: UTF8.self))\n\n"
    }
}
