import Foundation
public import PeixunCodec
public import PeixunMessages
import PeixunTransport
import Synchronization
public import ZeroMQ

/// One command for a `CommandPipeline`: the service it goes to, its encoded command (a message of
/// the service's family) and the ids it carries. The caller chooses the command id, so a command
/// sent again — by a retry, or by a whole run repeated — takes effect once.
public struct PipelinedCommand: Sendable {
    public var service: String
    public var command: [UInt8]
    public var commandID: WireUUID
    public var correlationID: WireUUID
    /// The partition key of a partitioned service (empty: none).
    public var partitionKey: String

    public init(service: String, command: [UInt8], commandID: WireUUID, correlationID: WireUUID? = nil, partitionKey: String = "") {
        self.service = service
        self.partitionKey = partitionKey
        self.command = command
        self.commandID = commandID
        self.correlationID = correlationID ?? commandID
    }
}

/// A command of a pipeline got no answer from its service after every attempt.
public struct CommandPipelineError: Error, Sendable, CustomStringConvertible {
    /// The command's position in what was given to `run`.
    public var index: Int
    public var service: String
    public var commandID: WireUUID
    public var attempts: Int
    public var lastProblem: String

    public var description: String {
        "command \(index) (id \(commandID)) to service '\(service)': no answer after \(attempts) attempts (last: \(lastProblem))"
    }
}

/// Many commands through the broker's request path at once: `connections` DEALER sockets, each on
/// its own thread, each keeping up to `inFlight` requests outstanding, replies matched to requests
/// by request id (not by order: the broker spreads them over workers). What gets no answer — the
/// broker's `timeout` or `noWorker`, a `failed` answer (not recorded by the service), or silence
/// past the deadline — is sent again with the **same command id**, so it takes effect once.
///
/// `rejected` is an answer like `accepted`: the pipeline returns it and the caller decides. The
/// answers come back in the order of the commands given, whatever order they arrived in.
///
/// One run is one batch: the caller orders dependent batches (create, then use) by running them
/// one after another; within a batch nothing is ordered.
public struct CommandPipeline: Sendable {
    public var broker: String
    public var connections: Int
    public var inFlight: Int
    /// How long the broker may hold one attempt; the client waits two seconds more for its answer.
    public var timeout: Duration
    public var attempts: Int
    /// CURVE keys for the broker connection (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?

    public init(broker: String, connections: Int = 4, inFlight: Int = 64, timeout: Duration = .seconds(30), attempts: Int = 5) {
        self.broker = broker
        self.connections = max(1, connections)
        self.inFlight = max(1, min(inFlight, 4096))
        self.timeout = timeout
        self.attempts = max(1, min(attempts, 255))
    }

    /// Sends every command and returns their answers in the same order. `progress` is called on
    /// the calling thread about ten times a second with how many are answered so far (and once at
    /// the end). Throws the first `CommandPipelineError` (or socket error) of any connection.
    public func run(
        _ commands: [PipelinedCommand], context: ZMQContext, progress: (Int) -> Void = { _ in }
    ) throws -> [CommandReply] {
        guard !commands.isEmpty else { return [] }
        let shared = SharedRun(commands: commands)
        let lanes = min(connections, commands.count)
        let done = DispatchSemaphore(value: 0)
        for lane in 0..<lanes {
            let indices = Array(stride(from: lane, to: commands.count, by: lanes))
            let thread = Thread { [self] in
                shared.finish(lane: Result { try PipelineLane(self, context: context, shared: shared).run(indices) })
                done.signal()
            }
            thread.name = "command-pipeline-\(lane)"
            thread.start()
        }
        var finished = 0
        while finished < lanes {
            // Waking every 100 ms is what paces the progress callback.
            if done.wait(timeout: .now() + .milliseconds(100)) == .success { finished += 1 }
            progress(shared.answered.load(ordering: .relaxed))
        }
        return try shared.replies()
    }
}

/// What the lanes of one run share: the commands, the answers as they come, the first failure.
private final class SharedRun: Sendable {
    let commands: [PipelinedCommand]
    let answered = Atomic<Int>(0)
    private let state: Mutex<(replies: [CommandReply?], failure: (any Error)?)>

    init(commands: [PipelinedCommand]) {
        self.commands = commands
        state = Mutex((Array(repeating: nil, count: commands.count), nil))
    }

    func finish(lane outcome: Result<[(Int, CommandReply)], any Error>) {
        state.withLock { state in
            switch outcome {
            case .success(let answers): for (index, reply) in answers { state.replies[index] = reply }
            case .failure(let error): if state.failure == nil { state.failure = error }
            }
        }
    }

    func replies() throws -> [CommandReply] {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            return state.replies.map { $0! }
        }
    }
}

/// One connection of a run: its socket belongs to the thread that runs it.
private final class PipelineLane {
    let pipeline: CommandPipeline
    let shared: SharedRun
    let socket: ZMQSocket
    let frames = ZMQFrames(capacity: 4)
    var writer = WireWriter(capacity: 256)
    /// The high half of this lane's request ids; the low half is (slot << 8) | attempt.
    let idHigh = WireUUID.random().high
    let timeoutMilliseconds: UInt32

    init(_ pipeline: CommandPipeline, context: ZMQContext, shared: SharedRun) throws {
        self.pipeline = pipeline
        self.shared = shared
        timeoutMilliseconds = pipeline.timeout.clampedMilliseconds
        socket = try context.socket(.dealer)
        try socket.set(.sendHighWaterMark, 0)
        try socket.set(.receiveHighWaterMark, 0)
        try socket.set(.linger, 0)
        try socket.connect(pipeline.broker, curve: pipeline.curve)
    }

    deinit { socket.close() }

    /// The commands at `indices` (positions in the run), answered; each is a slot of this lane.
    func run(_ indices: [Int]) throws -> [(Int, CommandReply)] {
        let bodies = try indices.map { index in
            let command = shared.commands[index]
            return try CommandRequest(commandID: command.commandID, correlationID: command.correlationID, command: command.command).encoded()
        }
        var state = LaneState(slots: indices.count)
        let clock = ContinuousClock()
        let grace = pipeline.timeout + .seconds(2)
        let poller = ZMQPoller()
        let readable = poller.register(socket, for: .readable)
        while state.answeredCount < indices.count {
            while state.outstanding.count < pipeline.inFlight, let slot = state.nextToSend() {
                try send(slot: slot, attempt: state.attempts[slot], body: bodies[slot], indices: indices)
                state.outstanding[slot] = clock.now + grace
            }
            if try poller.poll(until: clock.now + .milliseconds(250)) > 0, poller.isReadable(readable) {
                while try socket.receiveMultipart(into: frames, dontWait: true) {
                    try take(&state, indices: indices)
                }
            }
            try expire(&state, now: clock.now, indices: indices)
        }
        return state.replies.enumerated().map { (indices[$0.offset], $0.element!) }
    }

    private func send(slot: Int, attempt: Int, body: [UInt8], indices: [Int]) throws {
        let requestID = WireUUID(high: idHigh, low: UInt64(slot) << 8 | UInt64(attempt))
        writer.reset()
        let command = shared.commands[indices[slot]]
        try writer.write(
            ClientRequest(service: command.service, requestID: requestID, timeoutMilliseconds: timeoutMilliseconds, partitionKey: command.partitionKey))
        try writer.withUnsafeBytes { (bytes) throws(ZMQError) in _ = try socket.send(bytes, more: true) }
        _ = try socket.send(body)
    }

    /// One reply in `frames`: an answer for its slot, or a reason to send that slot again.
    private func take(_ state: inout LaneState, indices: [Int]) throws {
        guard frames.count == 2 else { return }
        let control = try frames.withFrame(0) { (bytes) throws(WireError) in try ClientReply(decoding: bytes) }
        guard control.requestID.high == idHigh else { return }
        let slot = Int(control.requestID.low >> 8)
        // Any attempt's answer will do (they carry the same command id); later ones are ignored.
        guard slot < indices.count, state.replies[slot] == nil else { return }
        guard control.status == .ok else {
            return try retry(&state, slot: slot, problem: "broker: \(control.status) \(control.detail)", indices: indices)
        }
        let reply = try frames.withFrame(1) { (bytes) throws(WireError) in try CommandReply(decoding: bytes) }
        guard reply.status != .failed else {
            return try retry(&state, slot: slot, problem: "failed: \(reply.message)", indices: indices)
        }
        state.answer(slot, reply)
        shared.answered.add(1, ordering: .relaxed)
    }

    /// Slots whose attempt outlived the broker's deadline and its grace are sent again.
    private func expire(_ state: inout LaneState, now: ContinuousClock.Instant, indices: [Int]) throws {
        for (slot, deadline) in state.outstanding where deadline < now {
            try retry(&state, slot: slot, problem: "no reply within \(pipeline.timeout) + 2 s", indices: indices)
        }
    }

    private func retry(_ state: inout LaneState, slot: Int, problem: String, indices: [Int]) throws {
        state.outstanding[slot] = nil
        state.attempts[slot] += 1
        guard state.attempts[slot] < pipeline.attempts else {
            let command = shared.commands[indices[slot]]
            throw CommandPipelineError(
                index: indices[slot], service: command.service, commandID: command.commandID, attempts: state.attempts[slot],
                lastProblem: problem)
        }
        state.resend.append(slot)
    }
}

/// A lane's bookkeeping: what is answered, what is out and until when, what to send again.
private struct LaneState {
    var replies: [CommandReply?]
    var attempts: [Int]
    var outstanding: [Int: ContinuousClock.Instant] = [:]
    var resend: [Int] = []
    var nextNew = 0
    var answeredCount = 0

    init(slots: Int) {
        replies = Array(repeating: nil, count: slots)
        attempts = Array(repeating: 0, count: slots)
    }

    /// Retries first (they are the oldest), then the next command not yet sent.
    mutating func nextToSend() -> Int? {
        // A slot waiting to be resent may have been answered meanwhile by its earlier attempt.
        while !resend.isEmpty {
            let slot = resend.removeFirst()
            if replies[slot] == nil { return slot }
        }
        guard nextNew < replies.count else { return nil }
        defer { nextNew += 1 }
        return nextNew
    }

    mutating func answer(_ slot: Int, _ reply: CommandReply) {
        replies[slot] = reply
        outstanding[slot] = nil
        answeredCount += 1
    }
}
