public import PeixunCodec
import PeixunMessages
public import ZeroMQ

/// The answer to a request, as the broker delivered it.
public struct RequestReply: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case ok, noWorker, timeout, invalid
    }
    public var status: Status
    public var detail: String
    public var body: [UInt8]
}

/// Why a request got no reply at all (the broker did not answer in time).
public struct RequestClientError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var waited: Duration
    /// Whether the client spoke CURVE: then a broker that refuses its key is silent too.
    public var curve: Bool
    public var description: String {
        "no reply from the broker for service '\(service)' within \(waited)"
            + (curve
                ? " (with CURVE keys: is this key in the broker's allow-list, and broker.pub the broker's key?)"
                : " (is the broker running? One started with --keys answers only clients with keys)")
    }
}

/// A client of the request path: a DEALER socket to the broker, one request at a time.
///
/// Not `Sendable`: it owns a socket, which belongs to the thread that made it.
public final class RequestClient {
    private let socket: ZMQSocket
    private let frames = ZMQFrames(capacity: 4)
    private var writer = WireWriter(capacity: 1024)
    private let curve: Bool

    /// Connects to the broker at `endpoint`, as a CURVE client when `curve` is given.
    public init(context: ZMQContext, broker endpoint: String, curve: ZMQCurveClientKeys? = nil) throws(ZMQError) {
        socket = try context.socket(.dealer)
        try socket.connect(endpoint, curve: curve)
        self.curve = curve != nil
    }

    /// Sends `body` to `service` and waits for the broker's reply. The broker answers by
    /// `timeout` at the latest (noWorker/timeout); the client waits one extra second for that
    /// answer before it gives up with `RequestClientError`. `partitionKey` picks the partition of
    /// a partitioned service (protocols/README.md, "Partitions"); empty: none.
    public func request(
        service: String, body: [UInt8], timeout: Duration = .seconds(5), requestID: WireUUID = .random(),
        partitionKey: String = ""
    ) throws -> RequestReply {
        let milliseconds = timeout.clampedMilliseconds
        writer.reset()
        try writer.write(ClientRequest(service: service, requestID: requestID, timeoutMilliseconds: milliseconds, partitionKey: partitionKey))
        try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: true) }
        try socket.send(body)
        let clock = ContinuousClock()
        let giveUp = clock.now + timeout + .seconds(1)
        let poller = ZMQPoller()
        let index = poller.register(socket, for: .readable)
        while clock.now < giveUp {
            guard try poller.poll(until: giveUp) > 0, poller.isReadable(index) else { continue }
            guard try socket.receiveMultipart(into: frames), frames.count == 2 else { continue }
            let reply = try frames.withFrame(0) { bytes throws(WireError) in try ClientReply(decoding: bytes) }
            // A reply to an earlier request that this client stopped waiting for: not ours.
            guard reply.requestID == requestID else { continue }
            return RequestReply(status: Self.status(reply.status), detail: reply.detail, body: frames.bytes(1))
        }
        throw RequestClientError(service: service, waited: timeout + .seconds(1), curve: curve)
    }

    private static func status(_ status: ReplyStatus) -> RequestReply.Status {
        switch status {
        case .ok: .ok
        case .noWorker: .noWorker
        case .timeout: .timeout
        case .invalid: .invalid
        }
    }
}
