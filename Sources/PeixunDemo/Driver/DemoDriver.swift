import Foundation
public import Logging
public import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunTransport
public import ZeroMQ

/// How the demo talks to the broker.
public struct DemoOptions: Sendable {
    public var broker: String
    public var connections: Int
    public var inFlight: Int
    /// How long to wait for scoring and reporting to catch up before calling it a failure.
    public var catchUp: Duration
    /// CURVE keys for the broker connections (`--keys`); nil: plaintext.
    public var curve: ZMQCurveClientKeys?
    /// How many partitions enrollment is split in (1: not split): the roster is sent a part per
    /// partition, and each enrollment phase waits for the partitions to have each other's events.
    public var enrollmentPartitions: Int

    public init(
        broker: String, connections: Int = 4, inFlight: Int = 64, catchUp: Duration = .seconds(120),
        curve: ZMQCurveClientKeys? = nil, enrollmentPartitions: Int = 1
    ) {
        self.broker = broker
        self.curve = curve
        self.enrollmentPartitions = enrollmentPartitions
        self.connections = connections
        self.inFlight = inFlight
        self.catchUp = catchUp
    }
}

/// Sends a `CityModel` through the broker in dependent phases — the tree, roster, catalogue and
/// instructors, plans and their acknowledgements, classes, lessons, enrollments, check-ins,
/// scores and exams, closing the periods, the duplicate attempts, closing the last periods — each
/// phase pipelined (`CommandPipeline`) and finished before the next starts. It checks every
/// answer: accepted, or refused exactly as the demo intends; anything else stops the run.
/// Blocking: run it on a thread of its own (it owns sockets).
public final class DemoDriver {
    let model: CityModel
    let batches: DemoBatches
    let pipeline: CommandPipeline
    let context: ZMQContext
    let progress: ProgressBar
    let logger: Logger
    let options: DemoOptions
    let barrier: SiblingBarrier
    /// What the services' answers say was done.
    public private(set) var driven = DemoTotals()
    public private(set) var commandsSent = 0

    public init(model: CityModel, start: WireTimestamp, options: DemoOptions, context: ZMQContext, progress: ProgressBar, logger: Logger) {
        self.model = model
        batches = DemoBatches(model: model, start: start)
        var pipeline = CommandPipeline(broker: options.broker, connections: options.connections, inFlight: options.inFlight)
        pipeline.curve = options.curve
        self.pipeline = pipeline
        self.context = context
        self.progress = progress
        self.logger = logger
        self.options = options
        barrier = SiblingBarrier(partitions: options.enrollmentPartitions, context: context, broker: options.broker, curve: options.curve)
    }

    public func run() throws {
        try setUp()
        let lessonIDs = try schedule()
        try enroll()
        try train(lessonIDs: lessonIDs)
        try close()
        // What the answers cannot show (scoring confirms asynchronously) comes from the model,
        // whose completions the services' answers just confirmed.
        driven.completionsConfirmed = DemoTotals(model).completionsConfirmed
    }

    private func setUp() throws {
        for depth in 0...(model.organisations.map(\.depth).max() ?? 0) {
            driven.organisations += try drive(batches.organisations(depth: depth)).count
        }
        for reply in try drive(batches.roster(partitions: options.enrollmentPartitions)) {
            let imported = try RosterImported(decoding: reply.result)
            driven.members += Int(imported.registered + imported.unchanged)
        }
        driven.courses = try drive(batches.courses()).count
        driven.instructors = try drive(batches.instructors()).count
        for reply in try drive(batches.plans()) { driven.plansByLevel[try PlanFiled(decoding: reply.result).level, default: 0] += 1 }
        _ = try drive(batches.acknowledgements())
    }

    /// Classes, then their lessons; returns the lesson ids in `lessonRefs` order.
    private func schedule() throws -> [WireUUID] {
        for reply in try drive(batches.classes()) {
            let scheduled = try ClassScheduled(decoding: reply.result)
            driven.classes += 1
            driven.periods += scheduled.periods.count
            if scheduled.planStatus == .unfiled { driven.unfiledClasses += 1 }
        }
        let ids = try drive(batches.lessons(model.lessonRefs)).map { try LessonBooked(decoding: $0.result).lesson }
        driven.lessons = ids.count
        return ids
    }

    private func enroll() throws {
        for reply in try drive(batches.enrollments()) {
            let enrolled = try MemberEnrolled(decoding: reply.result)
            guard !enrolled.waitlisted else {
                throw DemoError.unexpectedRefusal(
                    phase: "enrollments", command: "Enroll \(enrolled.memberNumber)", code: "waitlisted", message: "the period was full")
            }
            driven.enrollments += 1
        }
    }

    /// Check-ins, then scores and exams. Scoring learns of check-ins from enrollment's stream, in
    /// order: one check-in is held back and sent after all the others were answered, and its score
    /// is sent first and retried until scoring takes it; then scoring has seen every check-in.
    private func train(lessonIDs: [WireUUID]) throws {
        let lessonRefs = model.lessonRefs
        let checkIns = entries(lessonRefs) { $0.checkIns.count }
        let scores = entries(lessonRefs) { $0.scores.count }
        guard let markerScore = scores.indices.last else { return }
        let markerMember = model.lesson(lessonRefs[scores[markerScore].lesson]).scores[scores[markerScore].entry].member
        let marker = checkIns.lastIndex { $0.lesson == scores[markerScore].lesson && model.lesson(lessonRefs[$0.lesson]).checkIns[$0.entry].member == markerMember }!
        for positions in [checkIns.indices.filter { $0 != marker }, [marker]] {
            driven.checkIns += try drive(batches.checkIns(checkIns, positions: positions, lessonRefs: lessonRefs, lessonIDs: lessonIDs)).count
        }
        for (positions, wait) in [([markerScore], options.catchUp), (scores.indices.filter { $0 != markerScore }, .seconds(60))] {
            for reply in try drive(batches.scores(scores, positions: positions, lessonRefs: lessonRefs, lessonIDs: lessonIDs, waitFor: wait)) {
                driven.scores += 1
                if try ScoreRecorded(decoding: reply.result).excellent { driven.excellentScores += 1 }
            }
        }
        for reply in try drive(batches.exams()) {
            driven.exams += 1
            if try ExamRecorded(decoding: reply.result).passed { driven.examsPassed += 1 }
        }
    }

    private func entries(_ refs: [LessonRef], count: (DemoLesson) -> Int) -> [LessonEntryRef] {
        refs.indices.flatMap { lesson in (0..<count(model.lesson(refs[lesson]))).map { LessonEntryRef(lesson: lesson, entry: $0) } }
    }

    /// Closes the periods, makes the duplicate attempts on the periods still open, closes those.
    private func close() throws {
        for last in [false, true] {
            if last { driven.intendedRefusals = try drive(batches.duplicates()).count }
            for reply in try drive(batches.closing(last: last)) {
                driven.completions += Int(try PeriodClosed(decoding: reply.result).completed)
            }
        }
    }

    /// Sends a batch, retries what it says may be retried, and checks every answer.
    @discardableResult
    func drive(_ batch: Batch) throws -> [CommandReply] {
        if batch.service == "enrollment" { try barrier.wait(within: options.catchUp) }
        progress.begin(batch.name, total: batch.bodies.count)
        var attempts = [Int](repeating: 0, count: batch.bodies.count)
        var replies = try send(batch, positions: Array(batch.bodies.indices), attempts: attempts, done: 0)
        let deadline = ContinuousClock.now + batch.retryFor
        var pause = Duration.milliseconds(50)
        while case let pending = replies.indices.filter({ replies[$0].status == .rejected && batch.retrying.contains(replies[$0].code) }),
            let first = pending.first
        {
            guard ContinuousClock.now < deadline else {
                throw DemoError.gaveUp(
                    phase: batch.name, command: batch.label(first), seconds: Int(batch.retryFor.components.seconds), code: replies[first].code,
                    message: replies[first].message)
            }
            logger.debug("retrying refusals that mean not yet", metadata: ["phase": "\(batch.name)", "count": "\(pending.count)"])
            Thread.sleep(forTimeInterval: pause.inSeconds)
            pause = min(pause * 2, .seconds(1))
            for position in pending { attempts[position] += 1 }
            let again = try send(batch, positions: pending, attempts: attempts, done: batch.bodies.count - pending.count)
            for (offset, position) in pending.enumerated() { replies[position] = again[offset] }
        }
        progress.end()
        try check(batch, replies)
        // Checked: all accepted, or all refused as intended.
        return replies
    }

    private func send(_ batch: Batch, positions: [Int], attempts: [Int], done: Int) throws -> [CommandReply] {
        let commands = positions.map { position in
            PipelinedCommand(
                service: batch.service, command: batch.bodies[position],
                commandID: CommandIDs.make(prefix: model.prefix, phase: batch.phase, index: batch.indices[position], attempt: attempts[position]),
                partitionKey: batch.keys.isEmpty ? "" : batch.keys[position])
        }
        commandsSent += commands.count
        return try pipeline.run(commands, context: context) { progress.update(done + $0) }
    }

    private func check(_ batch: Batch, _ replies: [CommandReply]) throws {
        for (position, reply) in replies.enumerated() {
            switch reply.status {
            case .accepted:
                if let expected = batch.expectedRefusal {
                    throw DemoError.missingRefusal(phase: batch.name, command: batch.label(position), expected: expected)
                }
            case .rejected:
                guard reply.code == batch.expectedRefusal else {
                    throw DemoError.unexpectedRefusal(phase: batch.name, command: batch.label(position), code: reply.code, message: reply.message)
                }
            default:
                throw DemoError.malformed(phase: batch.name, command: batch.label(position), message: "\(reply.status): \(reply.message)")
            }
        }
    }
}
