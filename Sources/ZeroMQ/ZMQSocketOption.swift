import CZeroMQ

/// A typed socket option: `try socket.set(.sendHighWaterMark, 10_000)`, `try socket.get(.linger)`.
///
/// `Value` decides how the option is passed to libzmq (`Int32` and `Bool` as C `int`, `Int64` as
/// `int64_t`, `[UInt8]` and `String` as bytes, `ZMQCurveKey` as 32 binary bytes). Options marked
/// write-only fail with `EINVAL` when read, as libzmq does.
public struct ZMQSocketOption<Value>: Sendable, CustomStringConvertible {
    let rawValue: Int32
    /// The libzmq name, used in error messages (`ZMQ_SNDHWM`).
    public let name: String

    init(_ rawValue: Int32, _ name: String) {
        self.rawValue = rawValue
        self.name = name
    }

    public var description: String { name }
}

extension ZMQSocketOption where Value == Int32 {
    /// Outgoing queue limit in messages (ZMQ_SNDHWM); at the limit PUB/XPUB/ROUTER drop, others block.
    public static var sendHighWaterMark: Self { .init(ZMQ_SNDHWM, "ZMQ_SNDHWM") }
    /// Incoming queue limit in messages (ZMQ_RCVHWM).
    public static var receiveHighWaterMark: Self { .init(ZMQ_RCVHWM, "ZMQ_RCVHWM") }
    /// Milliseconds pending output is kept after close (ZMQ_LINGER); this binding sets 0 at creation, -1 waits forever.
    public static var linger: Self { .init(ZMQ_LINGER, "ZMQ_LINGER") }
    /// Milliseconds between ZMTP heartbeat PINGs (ZMQ_HEARTBEAT_IVL); 0 disables heartbeats.
    public static var heartbeatInterval: Self { .init(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL") }
    /// Milliseconds to wait for a PONG before closing the connection (ZMQ_HEARTBEAT_TIMEOUT).
    public static var heartbeatTimeout: Self { .init(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT") }
    /// Milliseconds the peer should keep the connection without traffic (ZMQ_HEARTBEAT_TTL; whole tenths of a second).
    public static var heartbeatTTL: Self { .init(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL") }
    /// Milliseconds a blocking receive waits before returning nothing (ZMQ_RCVTIMEO); -1 waits forever.
    public static var receiveTimeout: Self { .init(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO") }
    /// Milliseconds a blocking send waits before reporting would-block (ZMQ_SNDTIMEO); -1 waits forever.
    public static var sendTimeout: Self { .init(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO") }
    /// Milliseconds before the first reconnection attempt (ZMQ_RECONNECT_IVL).
    public static var reconnectInterval: Self { .init(ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL") }
    /// Upper bound in milliseconds of the doubling reconnection interval (ZMQ_RECONNECT_IVL_MAX); 0 keeps it fixed.
    public static var reconnectIntervalMax: Self { .init(ZMQ_RECONNECT_IVL_MAX, "ZMQ_RECONNECT_IVL_MAX") }
}

extension ZMQSocketOption where Value == Int64 {
    /// Largest inbound message in bytes (ZMQ_MAXMSGSIZE); a peer sending more is disconnected. -1: no limit.
    public static var maxMessageSize: Self { .init(ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE") }
}

extension ZMQSocketOption where Value == Bool {
    /// XPUB: block or report would-block instead of dropping at the high-water mark (ZMQ_XPUB_NODROP). Write-only.
    public static var xpubNoDrop: Self { .init(ZMQ_XPUB_NODROP, "ZMQ_XPUB_NODROP") }
    /// XPUB: pass every subscription message up, not only new ones (ZMQ_XPUB_VERBOSE). Write-only.
    public static var xpubVerbose: Self { .init(ZMQ_XPUB_VERBOSE, "ZMQ_XPUB_VERBOSE") }
    /// ROUTER: fail with `EHOSTUNREACH` for an unknown routing id instead of dropping
    /// (ZMQ_ROUTER_MANDATORY). Write-only.
    public static var routerMandatory: Self { .init(ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY") }
    /// Queue messages only to completed connections (ZMQ_IMMEDIATE).
    public static var immediate: Self { .init(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE") }
    /// Act as the CURVE server; also set `.curveSecretKey` (ZMQ_CURVE_SERVER).
    public static var curveServer: Self { .init(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER") }
}

extension ZMQSocketOption where Value == [UInt8] {
    /// The identity a ROUTER peer sees for this socket (ZMQ_ROUTING_ID), 1…255 bytes, not starting with 0.
    public static var routingID: Self { .init(ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID") }
}

extension ZMQSocketOption where Value == String {
    /// The ZAP authentication domain (ZMQ_ZAP_DOMAIN).
    public static var zapDomain: Self { .init(ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN") }
    /// The last bound or connected endpoint (ZMQ_LAST_ENDPOINT). Read-only; see `ZMQSocket.lastEndpoint`.
    public static var lastEndpoint: Self { .init(ZMQ_LAST_ENDPOINT, "ZMQ_LAST_ENDPOINT") }
}

extension ZMQSocketOption where Value == ZMQCurveKey {
    /// This socket's long-term CURVE public key (ZMQ_CURVE_PUBLICKEY); clients set it.
    public static var curvePublicKey: Self { .init(ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY") }
    /// This socket's long-term CURVE secret key (ZMQ_CURVE_SECRETKEY); servers and clients set it.
    public static var curveSecretKey: Self { .init(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY") }
    /// The server's public key a client expects (ZMQ_CURVE_SERVERKEY).
    public static var curveServerKey: Self { .init(ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY") }
}
