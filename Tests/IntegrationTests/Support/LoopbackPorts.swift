#if canImport(Glibc)
import Glibc
#endif

/// Blocks of loopback TCP ports for tests that start `peixun up` on a base port.
///
/// The block is drawn below Linux's ephemeral range (32768–60999 by default): a port in that
/// range can be taken at any moment as the local end of some other test's outgoing connection,
/// which once left the broker unable to bind for five minutes. Each port is also bound once here
/// to check that nothing holds it now.
enum LoopbackPorts {
    /// A base port whose next `count` ports were all free a moment ago.
    static func freeBlock(count: Int = 11) throws -> Int {
        for _ in 0..<200 {
            let base = Int.random(in: 10_000...(32_000 - count))
            if (base..<base + count).allSatisfy(isFree) { return base }
        }
        throw IntegrationError("no block of \(count) free loopback ports below 32000 after 200 tries")
    }

    /// Whether 127.0.0.1:`port` can be bound right now.
    static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
