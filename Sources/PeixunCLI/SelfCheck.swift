import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Synchronization
import ZeroMQ

/// What `peixun up` shows a newcomer: requests answered through the broker and events fanned
/// out by the bus, with counts and rates measured right now.
struct SelfCheck {
    let requests: String
    let publishers: String
    let subscribers: String
    let curve: ZMQCurveClientKeys?

    func run() async throws {
        let (count, seconds, answer) = try await DedicatedThread.run(name: "self-check-requests") { [requests, curve] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests, curve: curve)
            let clock = ContinuousClock()
            let start = clock.now
            var last = ""
            for _ in 0..<1000 {
                let reply = try client.request(service: "echo", body: Array("中山市委党校 2024年党员培训".utf8))
                guard reply.status == .ok else { throw CLIError("echo request failed: \(reply.status) \(reply.detail)") }
                last = String(decoding: reply.body, as: UTF8.self)
            }
            return (1000, start.duration(to: clock.now).inSeconds, last)
        }
        StandardOutput.line("check: \(count) requests answered through the broker in \(format(seconds)) s (one at a time); last answer: \(answer)")

        let (events, eventSeconds) = try await busCheck(events: 20_000)
        StandardOutput.line("check: \(events) events published and received in order through the bus in \(format(eventSeconds)) s (\(Int(Double(events) / eventSeconds)) events/s)")
    }

    private func busCheck(events: Int) async throws -> (Int, Double) {
        let context = try ZMQContext()
        let joined = Atomic<Bool>(false)
        async let received = DedicatedThread.run(name: "self-check-sub") { [subscribers, curve] () throws -> (Int, Double) in
            let socket = try context.socket(.sub)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.receiveTimeout, 10_000)
            try socket.connect(subscribers, curve: curve)
            try socket.subscribe("selfcheck.")
            let frames = ZMQFrames()
            let clock = ContinuousClock()
            var start: ContinuousClock.Instant?
            var next: UInt64 = 1
            while next <= UInt64(events) {
                guard try socket.receiveMultipart(into: frames) else { throw CLIError("bus check: no event for 10 s") }
                if frames.count == 1 { joined.store(true, ordering: .releasing); continue }  // warm-up
                let envelope = try frames.withFrame(1) { bytes throws(WireError) in try Envelope.view(bytes) }
                guard envelope.sequence == next else { throw CLIError("bus check: sequence \(envelope.sequence), expected \(next)") }
                if start == nil { start = clock.now }
                next += 1
            }
            return (events, start!.duration(to: clock.now).inSeconds)
        }
        try await DedicatedThread.run(name: "self-check-pub") { [publishers, curve] in
            let socket = try context.socket(.pub)
            try socket.set(.sendHighWaterMark, 0)
            // Sockets start with linger 0; a publisher that closes right after its last send must
            // let the queued events go out first.
            try socket.set(.linger, 10_000)
            try socket.connect(publishers, curve: curve)
            while !joined.load(ordering: .acquiring) {
                try socket.send("selfcheck._warmup")
                Thread.sleep(forTimeInterval: 0.01)
            }
            var writer = WireWriter()
            let stream = StreamID(service: "selfcheck", partition: 0)
            let payload = try MemberEnrolled(
                enrollment: .random(), member: .random(), period: .random(), trainingClass: .random(),
                organisation: .random(), memberName: "张伟", className: "2024年村（社区）党组织书记培训班",
                enrolledAt: WireTimestamp(microsecondsSinceEpoch: 1_717_000_000_000_000), seat: 37,
                categories: [.village, .branchSecretary]
            ).encoded()
            for sequence in 1...UInt64(events) {
                try socket.send("selfcheck.MemberEnrolled", more: true)
                writer.reset()
                try writer.write(Envelope(
                    stream: stream, sequence: sequence, eventType: MemberEnrolled.typeID, schemaVersion: 1,
                    time: .epoch, commandID: .zero, correlationID: .zero))
                try writer.withUnsafeBytes { bytes throws(ZMQError) in _ = try socket.send(bytes, more: true) }
                try socket.send(payload)
            }
        }
        return try await received
    }

    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
