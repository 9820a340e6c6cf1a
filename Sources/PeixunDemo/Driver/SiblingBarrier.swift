import Foundation
import PeixunMessages
import PeixunRuntime
public import ZeroMQ

/// With enrollment split, a phase's commands depend on what other partitions wrote in the phases
/// before (a parent organisation, a member registered elsewhere, a course, a completion that
/// makes the next enrollment a duplicate training), which a partition knows once it has applied
/// its siblings' streams. Before each enrollment phase the demo waits for that: every partition
/// at every sibling's head (from `peixun status`' answers), so a split run decides exactly as a
/// single one does.
public struct SiblingBarrier {
    let partitions: Int
    let context: ZMQContext
    let broker: String
    let curve: ZMQCurveClientKeys?

    public init(partitions: Int, context: ZMQContext, broker: String, curve: ZMQCurveClientKeys?) {
        self.partitions = partitions
        self.context = context
        self.broker = broker
        self.curve = curve
    }

    /// Polls every 20 ms until every partition has applied every sibling's stream to its head;
    /// `DemoError.catchUp` at the deadline, naming what was behind.
    public func wait(within deadline: Duration) throws {
        guard partitions > 1 else { return }
        let clock = ContinuousClock()
        let end = clock.now + deadline
        var behind = "no answer yet"
        while clock.now < end {
            do {
                let status = try SystemStatus.gather(broker: broker, curve: curve, context: context)
                behind = lagging(status)
                if behind.isEmpty { return }
            } catch {
                behind = "\(error)"
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw DemoError.catchUp(seconds: Int(deadline.components.seconds), behind: behind)
    }

    /// What is behind: "enrollment/1 has enrollment/0 through 12 of 40", …; empty when nothing.
    func lagging(_ status: SystemStatus) -> String {
        let heads = status.heads
        var behind: [String] = []
        for partition in 0..<partitions {
            let name = "enrollment/\(partition)"
            guard case .success(let view)? = status.services.first(where: { $0.name == name })?.status else {
                behind.append("\(name) did not answer")
                continue
            }
            for sibling in 0..<partitions where sibling != partition {
                let stream = StreamID(service: "enrollment", partition: UInt16(sibling))
                let applied = view.cursors.first { $0.stream == stream }?.appliedThrough ?? 0
                if applied < heads[stream] ?? 0 { behind.append("\(name) has \(stream.service)/\(sibling) through \(applied) of \(heads[stream]!)") }
            }
        }
        return behind.joined(separator: ", ")
    }
}
