import Foundation
import PeixunCodec
import PeixunMessages
import Synchronization
import ZeroMQ

/// One client's share of a run: the request bodies it sends, in order, and what it sends before
/// timing starts.
struct ClientLoad: Sendable {
    /// Pre-encoded request bodies (a `CommandRequest` for a command service), so the clients spend
    /// their time on the socket, not on encoding.
    var bodies: [[UInt8]]
    /// The command id inside each body, to check each reply against (empty: not a command service).
    var commandIDs: [WireUUID]
    /// Sent, and resent, until answered before timing (connections up, worker registered).
    var warmUp: [UInt8]
    var warmUpID: WireUUID

    /// `commands` (encoded service commands) split round robin over `clients`, each wrapped in a
    /// `CommandRequest` with a time-ordered command id (as `CommandClient` makes them); `warmUp` too.
    static func commands(_ commands: [[UInt8]], clients: Int, warmUp: [UInt8]) throws -> [ClientLoad] {
        var loads = [ClientLoad]()
        for index in 0..<clients {
            var load = ClientLoad(bodies: [], commandIDs: [], warmUp: [], warmUpID: .random())
            load.warmUp = try CommandRequest(commandID: load.warmUpID, correlationID: load.warmUpID, command: warmUp).encoded()
            for command in stride(from: index, to: commands.count, by: clients).map({ commands[$0] }) {
                let id = WireUUID.timeOrdered()
                load.commandIDs.append(id)
                load.bodies.append(try CommandRequest(commandID: id, correlationID: id, command: command).encoded())
            }
            loads.append(load)
        }
        return loads
    }
}

/// Pipelined clients through the broker's request path: one thread per `ClientLoad`, each with its
/// own DEALER socket, keeping up to `inFlight` requests outstanding (`ClientRequest` + body sent
/// without waiting, replies taken as they come, each reply making room for the next send).
///
/// A reply counts when its `ClientReply` is `ok` and, for a command service, its body is a
/// `CommandReply` with status `accepted` for the request's command id; otherwise (not a command
/// service) when its body starts with the request body. Anything else, or no reply in 30 s, is a
/// failure. Before timing every client has one warm-up answered (for a command service any
/// `accepted` or `rejected` answer: the service ran it), retrying `noWorker` for up to 20 s.
struct Pipeline: Sendable {
    var service: String
    var endpoint: String
    var inFlight: Int
    var isCommand: Bool

    /// Rate, latency and failures over all clients, and the wall-clock window of the timed part.
    struct Summary {
        var total: Int
        var clients: Int
        var inFlight: Int
        var replies: Int
        var succeeded: Int
        var seconds: Double
        var latencies: [UInt64]
        var firstFailure: String?
        /// Wall clock (UTC microseconds) just before the first send and just after the last reply:
        /// the window in which the service stamped the timed commands (its command ledger).
        var startedAt: Int64
        var endedAt: Int64

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Int((p * Double(latencies.count)).rounded(.up)) - 1
            return Double(latencies[max(0, min(latencies.count - 1, rank))]) / 1000
        }

        /// One `key=value` line, the form run.sh records and the report reads.
        func line(prefix: String) -> String {
            let rate = seconds > 0 ? Double(succeeded) / seconds : 0
            let detail = firstFailure.map { $0.replacingOccurrences(of: " ", with: "_") } ?? "-"
            return prefix + " clients=\(clients) in_flight=\(inFlight) sent=\(total) replies=\(replies)"
                + " failures=\(total - succeeded) seconds=\(String(format: "%.3f", seconds)) requests_per_s=\(Int(rate))"
                + " p50_us=\(String(format: "%.0f", percentile(0.50))) p99_us=\(String(format: "%.0f", percentile(0.99)))"
                + " started_us=\(startedAt) ended_us=\(endedAt) first_failure=\(detail)"
        }
    }

    func run(_ loads: [ClientLoad], context: ZMQContext) throws -> Summary {
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[Result<ClientResult, BenchError>]>([])
        for (index, load) in loads.enumerated() {
            let thread = Thread { [self] in
                let outcome: Result<ClientResult, BenchError>
                do {
                    let client = try Client(self, load: load, context: context)
                    try client.warmUp()
                    ready.signal()
                    go.wait()
                    outcome = .success(try client.run())
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
        for _ in loads { ready.wait() }
        let startedAt = WireTimestamp.now.microsecondsSinceEpoch
        for _ in loads { go.signal() }
        for _ in loads { done.wait() }
        let endedAt = WireTimestamp.now.microsecondsSinceEpoch

        var results: [ClientResult] = []
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): throw BenchError("client: \(error)")
            }
        }
        let first = results.map(\.firstSend).min() ?? 0
        let last = results.map(\.lastReply).max() ?? 0
        var latencies = results.flatMap(\.latencies)
        latencies.sort()
        return Summary(
            total: loads.map(\.bodies.count).reduce(0, +), clients: loads.count, inFlight: inFlight,
            replies: results.map(\.replies).reduce(0, +), succeeded: results.map(\.succeeded).reduce(0, +),
            seconds: Double(last &- first) / 1e9, latencies: latencies,
            firstFailure: results.compactMap(\.firstFailure).first, startedAt: startedAt, endedAt: endedAt)
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
        let pipeline: Pipeline
        let load: ClientLoad
        let socket: ZMQSocket
        /// Request ids: `high` a random per-client value, `low` the request's index (so a reply
        /// finds its send time and command id without a lookup table).
        let idHigh: UInt64
        let frames = ZMQFrames(capacity: 4)
        var controlWriter = WireWriter(capacity: 128)

        init(_ pipeline: Pipeline, load: ClientLoad, context: ZMQContext) throws {
            self.pipeline = pipeline
            self.load = load
            idHigh = WireUUID.random().high
            socket = try context.socket(.dealer)
            try socket.set(.sendHighWaterMark, 0)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.receiveTimeout, 30_000)
            try socket.connect(pipeline.endpoint)
        }

        func send(low: UInt64, body: [UInt8]) throws {
            controlWriter.reset()
            try controlWriter.write(
                ClientRequest(service: pipeline.service, requestID: WireUUID(high: idHigh, low: low), timeoutMilliseconds: 30_000))
            try controlWriter.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try socket.send(bytes, more: true) }
            _ = try socket.send(body)
        }

        /// Checks the reply in `frames` against what was sent with `low`; returns the reply's
        /// `low` and nil, or a failure text.
        func check(warmUpLow: UInt64? = nil) throws -> (low: UInt64?, failure: String?) {
            guard frames.count == 2 else { return (nil, "a reply of \(frames.count) frames") }
            let control = try frames.withFrame(0) { (bytes) throws(WireError) in try ClientReply.view(bytes) }
            let low = control.requestID.high == idHigh ? control.requestID.low : nil
            guard control.status == .ok else { return (low, "status \(control.status): \((try? control.detail.string) ?? "?")") }
            guard let low else { return (nil, "a reply for another client") }
            let isWarmUp = low == warmUpLow
            guard isWarmUp || low < UInt64(load.bodies.count) else { return (low, "a reply for an unknown request") }
            if pipeline.isCommand {
                let reply = try frames.withFrame(1) { (bytes) throws(WireError) in try CommandReply(decoding: bytes) }
                let expected = isWarmUp ? load.warmUpID : load.commandIDs[Int(low)]
                guard reply.commandID == expected else { return (low, "a reply for another command id") }
                // A warm-up only proves the service answers; the timed commands must be accepted.
                let answered = reply.status == .accepted || (isWarmUp && reply.status == .rejected)
                guard answered else { return (low, "command \(reply.status) \(reply.code) \(reply.message)") }
            } else {
                let body = isWarmUp ? load.warmUp : load.bodies[Int(low)]
                let prefixMatches = frames.withFrame(1) { $0.count >= body.count && zip($0, body).allSatisfy { $0 == $1 } }
                guard prefixMatches else { return (low, "echo body differs") }
            }
            return (low, nil)
        }

        /// One request at a time until one is answered (retrying `noWorker` for up to 20 s).
        func warmUp() throws {
            let deadline = nowNanoseconds() + 20_000_000_000
            var attempt: UInt64 = 1 << 62
            while true {
                attempt += 1
                try send(low: attempt, body: load.warmUp)
                while true {
                    guard try socket.receiveMultipart(into: frames) else { throw BenchError("no warm-up reply in 30 s") }
                    let (low, failure) = try check(warmUpLow: attempt)
                    guard low == attempt else { continue }
                    if failure == nil { return }
                    guard nowNanoseconds() < deadline else { throw BenchError("warm-up: \(failure!)") }
                    usleep(100_000)
                    break
                }
            }
        }

        func run() throws -> ClientResult {
            let n = load.bodies.count
            var result = ClientResult()
            result.latencies.reserveCapacity(n)
            var sendTimes = [UInt64](repeating: 0, count: n)
            var answered = [Bool](repeating: false, count: n)
            var sent = 0
            result.firstSend = nowNanoseconds()
            while result.replies < n {
                while sent < n && sent - result.replies < pipeline.inFlight {
                    sendTimes[sent] = nowNanoseconds()
                    try send(low: UInt64(sent), body: load.bodies[sent])
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
