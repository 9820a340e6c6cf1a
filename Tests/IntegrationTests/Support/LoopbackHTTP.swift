import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 client over a plain loopback socket: enough for GETs against the dashboard
/// and for reading a Server-Sent Events stream as it arrives (URLSession on Linux does not stream).
enum LoopbackHTTP {
    struct Answer {
        var status: Int
        var headers: String
        var body: String

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw IntegrationError("not a JSON object: \(body)")
            }
            return object
        }
    }

    /// `GET path` with `Connection: close`; the whole answer.
    static func get(_ url: String, _ path: String, headers: [String: String] = [:]) async throws -> Answer {
        let stream = try Stream(url: url, path: path, headers: headers)
        try await eventually(within: .seconds(20), "GET \(path) to complete") { stream.closed ? true : nil }
        return try parse(stream.text)
    }

    static func parse(_ text: String) throws -> Answer {
        guard let split = text.range(of: "\r\n\r\n") else { throw IntegrationError("no HTTP header end in: \(text)") }
        let head = String(text[..<split.lowerBound])
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Answer(status: status, headers: head, body: String(text[split.upperBound...]))
    }

    /// A request whose answer is read on a thread of its own, as it comes (for SSE).
    final class Stream: Sendable {
        private let received = Mutex(Data())
        private let done = Mutex(false)
        private let socket: Int32

        init(url: String, path: String, headers: [String: String] = [:]) throws {
            guard let port = URL(string: url)?.port else { throw IntegrationError("no port in \(url)") }
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw IntegrationError("cannot connect to \(url): errno \(errno)") }
            let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
            let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extra)\r\n".utf8)
            _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            let thread = Thread { [self] in readUntilClosed() }
            thread.start()
        }

        private func readUntilClosed() {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received.withLock { $0.append(contentsOf: buffer[0..<count]) }
            }
            done.withLock { $0 = true }
        }

        var text: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }
        var closed: Bool { done.withLock { $0 } }

        /// The JSON of every `event: state` received so far, in order.
        var states: [[String: Any]] {
            text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.dropFirst("data: ".count).utf8)) as? [String: Any]
            }
        }

        func close() { shutdown(socket, Int32(SHUT_RDWR)) }

        deinit { Glibc.close(socket) }
    }
}
