/// How a request ended, as the broker tells the client.
public enum ReplyStatus: Hashable, Sendable, CaseIterable {
    /// A worker replied; the body is its reply.
    case ok
    /// No worker of the service was registered when the request's deadline came.
    case noWorker
    /// Workers existed but none replied before the deadline.
    case timeout
    /// The request was malformed (empty or too long service name, no timeout) or reused a request
    /// id that a worker still holds.
    case invalid
}

extension RequestRouter {
    /// Something the I/O loop must send. Perform a batch of actions in the order given: a client's
    /// answer may come before the next request to the worker that just freed a credit, and a
    /// DISCONNECT to a dropped worker comes before its requests are sent to others.
    public enum Action {
        /// Send REQUEST to a worker.
        case sendRequest(to: PeerID, requestID: RequestID, client: PeerID, service: String, body: Body)
        /// Send REPLY to a client; `body` is the worker's reply for `ok` and `nil` otherwise.
        case sendReply(to: PeerID, requestID: RequestID, status: ReplyStatus, detail: String, body: Body?)
        /// Send HEARTBEAT to a worker.
        case sendHeartbeat(to: PeerID)
        /// Send DISCONNECT to a peer that the broker does not (or no longer) count as a worker.
        case sendDisconnect(to: PeerID, reason: String)

        /// The peer the message goes to.
        public var peer: PeerID {
            switch self {
            case .sendRequest(let peer, _, _, _, _), .sendReply(let peer, _, _, _, _),
                .sendHeartbeat(let peer), .sendDisconnect(let peer, _):
                peer
            }
        }
    }
}

extension RequestRouter.Action: Sendable where Body: Sendable {}
extension RequestRouter.Action: Equatable where Body: Equatable {}

/// The texts that go with replies and disconnects: short, stable, and free of payload bytes.
enum Wording {
    /// Names the service (for a partition, `service/p`): the one thing an operator needs to know.
    static func noWorker(_ service: String) -> String { "no worker for \(service) before the deadline" }
    static let timeout = "no reply from a worker before the deadline"
    static let emptyService = "empty service name"
    static let serviceTooLong = "service name too long"
    static let noTimeout = "timeout must be positive"
    static let requestIDHeld = "request id still held by a worker; use a new id"
    static let notRegistered = "not a registered worker; send READY"
    static let noCredit = "READY needs a credit of at least 1"
    static let otherService = "READY for a different service than registered"
    static let silent = "no message within the heartbeat liveness"
}
