/// The broker's request router as a pure state machine: Majordomo-style routing with credits.
///
/// Inputs are the messages peers send (already decoded by the I/O loop) and the passing of time;
/// outputs are ``Action``s the I/O loop performs in order. The router does no I/O, reads no clock
/// and never blocks, so every rule is tested without sockets (see STYLE.md, "Keep protocol logic a
/// pure state machine"). `Body` is opaque: tests use `String`, the broker an owned frame handle.
///
/// The I/O loop:
/// 1. maps each decoded message to ``workerReady(from:service:credit:now:)``,
///    ``workerHeartbeat(from:now:)``, ``workerReply(from:requestID:client:body:now:)``,
///    ``workerDisconnect(from:now:)``, ``clientRequest(from:service:requestID:timeout:body:now:)``,
///    or ``malformedMessage(from:)``, and performs the returned actions in order;
/// 2. polls its socket with a timeout until ``nextWakeup`` and then calls ``tick(now:)``.
///
/// Every input first catches up with `now`: deadlines that have passed are answered and silent
/// workers are dropped before the input itself is handled, so no request is ever sent after its
/// deadline or to a worker past its expiry, whatever order the loop calls things in.
///
/// Costs (n requests held, k requests of one dropped worker): dispatch and reply O(log n) for the
/// deadline heap plus O(1) amortised for everything else, one hash of the routing id per message;
/// a tick O(log n) per expired request, O(k log k) per dropped worker, and O(workers) when
/// heartbeats are due, since each worker gets one. Nothing scans all workers or a whole queue.
public struct RequestRouter<Body> {
    /// Everything but the bodies, in a non-generic core that stays fast across modules.
    var core: RoutingCore
    /// The body of every request whose client still waits, by ticket: kept to send it again if
    /// its worker dies.
    var bodies: [UInt64: Body] = [:]

    /// A router with no workers and no requests.
    public init(configuration: RouterConfiguration = RouterConfiguration()) {
        core = RoutingCore(configuration: configuration)
    }

    /// The settings this router was made with.
    public var configuration: RouterConfiguration { core.configuration }

    /// What the router has done so far.
    public var counters: RouterCounters { core.counters }

    /// When the I/O loop should call ``tick(now:)`` next: the earliest of the next heartbeat, the
    /// next worker expiry and the next request deadline; `nil` when nothing is pending, so the loop
    /// can wait for messages alone. Never a moment at which nothing is due. O(1).
    public var nextWakeup: RouterInstant? { core.nextWakeup }

    /// The latest instant the router has been given.
    public var lastInstant: RouterInstant { RouterInstant(nanoseconds: core.now) }

    /// Requests waiting in a service queue for a worker with free credit.
    public var queuedRequestCount: Int { core.waitingCount }

    /// Requests sent to a worker whose client is still waiting for the answer.
    public var inFlightRequestCount: Int { core.inFlightCount }

    /// Requests still held by a worker after their client was answered `timeout`; each keeps one
    /// credit of its worker in use until the worker replies or is dropped.
    public var overdueRequestCount: Int { core.overdueCount }

    /// Registered workers.
    public var workerCount: Int { core.workers.count }

    /// Services that have a worker or a waiting request, by name.
    public var serviceNames: [String] { core.services.names }

    /// Requests of `service` waiting for a worker.
    public func queuedRequestCount(of service: String) -> Int {
        core.services.index(of: service).map { core.services.waitingCount($0) } ?? 0
    }

    /// The workers of `service` in the order they registered, for `peixun status`.
    /// O(k log k) for k workers of the service.
    public func workers(of service: String) -> [WorkerInfo] {
        core.workers(of: service)
    }

    // MARK: Inputs

    /// A peer sent READY: it serves `service` and accepts up to `credit` requests at once.
    ///
    /// A new worker is registered and, if requests of its service are waiting, gets them at once.
    /// READY again from the same worker for the same service updates its credit (and its
    /// liveness). READY that is malformed (empty or too long service name, credit below 1) or
    /// names a different service than the worker registered with is a protocol error: the peer
    /// gets DISCONNECT, and if it was a worker it is dropped and its requests go to others.
    public mutating func workerReady(from peer: PeerID, service: String, credit: Int, now: RouterInstant) -> [Action] {
        var steps: [RoutingCore.Step] = []
        core.workerReady(from: peer, service: service, credit: credit, now: now, into: &steps)
        return actions(for: steps)
    }

    /// A peer sent HEARTBEAT. A worker's liveness is refreshed; any other peer gets DISCONNECT so
    /// that it registers again (it may be a worker from before a broker restart).
    public mutating func workerHeartbeat(from peer: PeerID, now: RouterInstant) -> [Action] {
        var steps: [RoutingCore.Step] = []
        core.workerHeartbeat(from: peer, now: now, into: &steps)
        return actions(for: steps)
    }

    /// A worker sent REPLY for the request `requestID` of `client`.
    ///
    /// The reply frees one of the worker's credits and goes to the client with status `ok`; the
    /// worker may then take the next waiting request. If the client was already answered (the
    /// deadline passed) the reply is dropped and counted as late; if the worker holds no such
    /// request it is dropped and counted as unknown. A peer that is not a registered worker gets
    /// DISCONNECT so that it registers again.
    public mutating func workerReply(
        from peer: PeerID,
        requestID: RequestID,
        client: PeerID,
        body: Body,
        now: RouterInstant
    ) -> [Action] {
        var steps: [RoutingCore.Step] = []
        core.workerReply(from: peer, requestID: requestID, client: client, now: now, into: &steps)
        return actions(for: steps, reply: body)
    }

    /// A worker sent DISCONNECT: it is dropped as if it had died, and the requests it held go back
    /// to the front of its service's queue. From a peer that is not a worker it changes nothing.
    public mutating func workerDisconnect(from peer: PeerID, now: RouterInstant) -> [Action] {
        var steps: [RoutingCore.Step] = []
        core.workerDisconnect(from: peer, now: now, into: &steps)
        return actions(for: steps)
    }

    /// A client sent REQUEST for `service`, to be answered within `timeout` (cut to the configured
    /// maximum).
    ///
    /// The request goes at once to the least recently used worker of the service with free credit,
    /// or waits in the service's FIFO queue until one has credit or its deadline passes. A request
    /// that is malformed (empty or too long service name, timeout not positive) is answered
    /// `invalid` at once. A request id the same client already used for a request still waiting
    /// for its answer is dropped (that answer serves both); one whose earlier request timed out but
    /// is still held by a worker is answered `invalid`.
    public mutating func clientRequest(
        from client: PeerID,
        service: String,
        requestID: RequestID,
        timeout: Duration,
        body: Body,
        now: RouterInstant
    ) -> [Action] {
        var steps: [RoutingCore.Step] = []
        if let ticket = core.clientRequest(
            from: client, service: service, requestID: requestID, timeout: timeout, now: now, into: &steps
        ) {
            bodies[ticket] = body
        }
        return actions(for: steps)
    }

    /// A client's request that the broker refuses before routing it (a partitioned service asked
    /// with neither a partition key nor a partition): answered `invalid` with `detail` at once and
    /// counted like any other invalid request.
    public mutating func refuseRequest(from client: PeerID, requestID: RequestID, detail: String) -> [Action] {
        core.counters.requestsReceived += 1
        core.counters.requestsFailedInvalid += 1
        return [.sendReply(to: client, requestID: requestID, status: .invalid, detail: detail, body: nil)]
    }

    /// A peer sent something the I/O loop could not decode (wrong frame count, unknown command,
    /// a request id that is not 16 bytes, …). It is counted; nothing else changes, for that peer
    /// or any other.
    public mutating func malformedMessage(from peer: PeerID) {
        core.counters.protocolErrors += 1
    }

    /// Time passed: answers requests whose deadline came, drops silent workers and, when due,
    /// sends HEARTBEAT to every worker. Call it at ``nextWakeup``; calling it earlier or more often
    /// is harmless.
    public mutating func tick(now: RouterInstant) -> [Action] {
        var steps: [RoutingCore.Step] = []
        core.tick(now: now, into: &steps)
        return actions(for: steps)
    }

    /// Attaches bodies to the core's steps, and releases the bodies of answered requests.
    mutating func actions(for steps: [RoutingCore.Step], reply replyBody: Body? = nil) -> [Action] {
        var actions: [Action] = []
        actions.reserveCapacity(steps.count)
        for step in steps {
            switch step {
            case .request(let ticket, let worker, let key, let service):
                guard let body = bodies[ticket] else {
                    assertionFailure("request \(ticket) dispatched without a body")
                    continue
                }
                actions.append(
                    .sendRequest(to: worker, requestID: key.requestID, client: key.client, service: service, body: body)
                )
            case .reply(let ticket, let key, let status, let detail):
                if let ticket { bodies[ticket] = nil }
                let body = status == .ok ? replyBody : nil
                actions.append(
                    .sendReply(to: key.client, requestID: key.requestID, status: status, detail: detail, body: body)
                )
            case .heartbeat(let peer):
                actions.append(.sendHeartbeat(to: peer))
            case .disconnect(let peer, let reason):
                actions.append(.sendDisconnect(to: peer, reason: reason))
            }
        }
        return actions
    }
}

extension RequestRouter: Sendable where Body: Sendable {}
