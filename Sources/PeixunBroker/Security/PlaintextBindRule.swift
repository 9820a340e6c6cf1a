/// Without keys the broker speaks plaintext, so it binds only where no other machine can reach
/// it: loopback tcp (127.0.0.0/8, ::1, localhost), ipc:// and inproc://.
public enum PlaintextBindRule {
    /// Throws for an endpoint another machine could reach.
    public static func check(_ endpoint: String) throws(PlaintextBindError) {
        guard !isLocal(endpoint) else { return }
        throw PlaintextBindError(endpoint: endpoint)
    }

    /// Whether only this machine can reach `endpoint`.
    public static func isLocal(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") { return true }
        guard endpoint.hasPrefix("tcp://") else { return false }
        let address = endpoint.dropFirst("tcp://".count)
        guard let colon = address.lastIndex(of: ":") else { return false }
        var host = address[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { part in UInt8(part) != nil }
    }
}

/// The broker was asked to bind, without keys, an endpoint other machines could reach.
public struct PlaintextBindError: Error, Sendable, CustomStringConvertible {
    public let endpoint: String

    public var description: String {
        "refusing to bind \(endpoint) without keys: traffic would be plaintext and anyone could connect. "
            + "Bind a loopback address (127.0.0.1, ::1, localhost), or make keys with `peixun keys --out DIR` "
            + "and start every process with `--keys DIR`"
    }
}
