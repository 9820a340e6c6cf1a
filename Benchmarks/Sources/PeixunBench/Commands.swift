import Foundation
import PeixunCodec
import PeixunMessages
import Synchronization
import ZeroMQ

/// `commands <service> <endpoint> <total> <inFlight> <clients>`: requests/s through the broker's
/// request path.
///
/// `clients` threads, each with its own DEALER socket to the broker's request endpoint, keep up to
/// `inFlight` requests outstanding (pipelined: `ClientRequest` + body sent without waiting, replies
/// taken as they come, and each reply makes room for the next send); `total` requests in all.
/// - service `loadtest` (`peixun-testservice owner`): each body is a `CommandRequest` with a random
///   command id and command = u32 LE 1 (one durable event per command); a reply counts when the
///   `ClientReply` is `ok` and its body a `CommandReply` with status `accepted` and the same command id.
/// - any other service (`echo`, `peixun echo-worker`): a 40-byte body; a reply counts when its status
///   is `ok` and its body starts with the request body.
///
/// Before timing, every client sends one request and waits for an `ok` reply (retrying `noWorker`
/// for up to 20 s), so connections and worker registration are done. Requests/s = replies counted /
/// (last reply anywhere − first send anywhere). Latency: send to reply, per request, over all clients.
enum CommandsCommand {
    static func run(_ arguments: [String]) throws {
        guard arguments.count == 5, let total = Int(arguments[2]), let inFlight = Int(arguments[3]),
              let clients = Int(arguments[4]), total > 0, inFlight > 0, clients > 0, total >= clients
        else { fail("usage: commands <service> <endpoint> <total> <inFlight> <clients>") }
        let service = arguments[0]
        let endpoint = arguments[1]
        let context = try ZMQContext(ioThreads: 1)

        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[Result<ClientResult, BenchError>]>([])
        for index in 0..<clients {
            let n = total / clients + (index < total % clients ? 1 : 0)
            let thread = Thread {
                let outcome: Result<ClientResult, BenchError>
                do {
                    let client = try Client(service: service, context: context, endpoint: endpoint, index: index, n: n)
                    try client.warmUp()
                    ready.signal()
                    go.wait()
                    outcome = .success(try client.run(inFlight: inFlight))
                } catch let error as BenchError {
                    ready.signal()
                    outcome = .failure(error)
                } catch {
                    ready.signal()
                    outcome = .failure(BenchError("\(error)"))
                }
                outcomes.withLock { $0.append(outcome) }
                done.signal()
            }
            thread.name = "bench-client-\(index)"
            thread.start()
        }
        for _ in 0..<clients { ready.wait() }
        for _ in 0..<clients { go.signal() }
        for _ in 0..<clients { done.wait() }

        var results: [ClientResult] = []
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): fail("client: \(error)")
            }
        }
        let first = results.map(\.firstSend).min() ?? 0
        let last = results.map(\.lastReply).max() ?? 0
        let succeeded = results.map(\.succeeded).reduce(0, +)
        let replies = results.map(\.replies).reduce(0, +)
        let failures = total - succeeded
        var latencies = results.flatMap(\.latencies)
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Int((p * Double(latencies.count)).rounded(.up)) - 1
            return Double(latencies[max(0, min(latencies.count - 1, rank))]) / 1000
        }
        let seconds = Double(last &- first) / 1e9
        let rate = seconds > 0 ? Double(succeeded) / seconds : 0
        let detail = results.compactMap(\.firstFailure).first.map { $0.replacingOccurrences(of: " ", with: "_") } ?? "-"
        print(
            "commands service=\(service) clients=\(clients) in_flight=\(inFlight) sent=\(total) replies=\(replies)"
                + " failures=\(failures) seconds=\(String(format: "%.3f", seconds)) requests_per_s=\(Int(rate))"
                + " p50_us=\(String(format: "%.0f", percentile(0.50))) p99_us=\(String(format: "%.0f", percentile(0.99)))"
                + " first_failure=\(detail)")
    }

    struct ClientResult: Sendable {
        var firstSend: UInt64 = 0
        var lastReply: UInt64 = 0
        var replies = 0
        var succeeded = 0
        var latencies: [UInt64] = []
        var firstFailure: String?
    }

    /// One client: its socket belongs to the thread that runs it.
    final class Client {
        let service: String
        let socket: ZMQSocket
        let n: Int
        let isCommand: Bool
        /// Request ids: `high` a random per-client value, `low` the request's index (so a reply
        /// finds its send time without a lookup table).
        let idHigh: UInt64
        let frames = ZMQFrames(capacity: 4)
        var controlWriter = WireWriter(capacity: 128)
        var bodyWriter = WireWriter(capacity: 128)
        /// The command id of each request (loadtest), to check the reply's.
        var commandIDs: [WireUUID]
        let echoBody: [UInt8]
        static let oneEvent: [UInt8] = [1, 0, 0, 0]

        init(service: String, context: ZMQContext, endpoint: String, index: Int, n: Int) throws {
            self.service = service
            self.n = n
            isCommand = service == "loadtest"
            idHigh = WireUUID.random().high
            commandIDs = isCommand ? (0..<n).map { _ in WireUUID.random() } : []
            echoBody = Array("peixun-bench client \(index) request body....".utf8.prefix(40))
            socket = try context.socket(.dealer)
            try socket.set(.sendHighWaterMark, 0)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.receiveTimeout, 30_000)
            try socket.connect(endpoint)
        }

        func send(low: UInt64, commandID: WireUUID) throws {
            controlWriter.reset()
            try controlWriter.write(
                ClientRequest(service: service, requestID: WireUUID(high: idHigh, low: low), timeoutMilliseconds: 30_000))
            try controlWriter.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try socket.send(bytes, more: true) }
            if isCommand {
                bodyWriter.reset()
                try bodyWriter.write(CommandRequest(commandID: commandID, correlationID: commandID, command: Self.oneEvent))
                try bodyWriter.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try socket.send(bytes) }
            } else {
                _ = try socket.send(echoBody)
            }
        }

        /// Checks the reply in `frames`; returns its request id's `low` and nil, or a failure text.
        func check() throws -> (low: UInt64?, failure: String?) {
            guard frames.count == 2 else { return (nil, "a reply of \(frames.count) frames") }
            let control = try frames.withFrame(0) { (bytes) throws(WireError) in try ClientReply.view(bytes) }
            let low = control.requestID.high == idHigh ? control.requestID.low : nil
            guard control.status == .ok else { return (low, "status \(control.status): \((try? control.detail.string) ?? "?")") }
            if isCommand {
                let reply = try frames.withFrame(1) { (bytes) throws(WireError) in try CommandReply(decoding: bytes) }
                guard reply.status == .accepted else { return (low, "command \(reply.status) \(reply.code) \(reply.message)") }
                if let low, low < UInt64(commandIDs.count), reply.commandID != commandIDs[Int(low)] {
                    return (low, "a reply for another command id")
                }
            } else {
                let prefixMatches = frames.withFrame(1) { $0.count >= echoBody.count && zip($0, echoBody).allSatisfy { $0 == $1 } }
                guard prefixMatches else { return (low, "echo body differs") }
            }
            return (low, nil)
        }

        /// One request at a time until one is answered `ok` (retrying `noWorker` for up to 20 s).
        func warmUp() throws {
            let deadline = nowNanoseconds() + 20_000_000_000
            var attempt: UInt64 = 1 << 62
            while true {
                attempt += 1
                try send(low: attempt, commandID: .random())
                while true {
                    guard try socket.receiveMultipart(into: frames) else { throw BenchError("no warm-up reply in 30 s") }
                    let (low, failure) = try check()
                    guard low == attempt else { continue }
                    if failure == nil { return }
                    guard nowNanoseconds() < deadline else { throw BenchError("warm-up: \(failure!)") }
                    usleep(100_000)
                    break
                }
            }
        }

        func run(inFlight: Int) throws -> ClientResult {
            var result = ClientResult()
            result.latencies.reserveCapacity(n)
            var sendTimes = [UInt64](repeating: 0, count: n)
            var answered = [Bool](repeating: false, count: n)
            var sent = 0
            result.firstSend = nowNanoseconds()
            while result.replies < n {
                while sent < n && sent - result.replies < inFlight {
                    sendTimes[sent] = nowNanoseconds()
                    try send(low: UInt64(sent), commandID: isCommand ? commandIDs[sent] : .zero)
                    sent += 1
                }
                guard try socket.receiveMultipart(into: frames) else {
                    result.firstFailure = result.firstFailure ?? "no reply for 30 s"
                    break
                }
                let now = nowNanoseconds()
                let (low, failure) = try check()
                guard let low, low < UInt64(n), !answered[Int(low)] else { continue }  // a late warm-up reply
                answered[Int(low)] = true
                result.replies += 1
                result.lastReply = now
                result.latencies.append(now &- sendTimes[Int(low)])
                if let failure {
                    result.firstFailure = result.firstFailure ?? failure
                } else {
                    result.succeeded += 1
                }
            }
            return result
        }
    }
}
