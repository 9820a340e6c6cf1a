public import PeixunMessages
import Foundation
import GRDB
import PeixunCodec
import PeixunStore

/// Which part of enrollment a store writes when the service is split (docs/architecture.md,
/// "Scaling one service"): the organisations, members, courses, instructors, plans and classes
/// whose code falls in this partition (`PartitionKey`), and everything about those classes,
/// published on the stream `enrollment/<index>`. Every partition also holds its siblings' rows
/// (`SiblingReplica`), so its rules see everything; it writes only its own.
public struct EnrollmentPartition: Sendable, Hashable {
    public let index: Int
    public let count: Int

    /// Enrollment not split: one store, the stream `enrollment/0`, everything.
    public static let whole = EnrollmentPartition(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "partition \(index) of \(count)")
        self.index = index
        self.count = count
    }

    public var isSplit: Bool { count > 1 }

    /// The stream this partition publishes.
    public var stream: StreamID { StreamID(service: "enrollment", partition: UInt16(index)) }

    /// The other partitions' streams, which this one follows into its own tables.
    public var siblings: [StreamID] {
        (0..<count).filter { $0 != index }.map { StreamID(service: "enrollment", partition: UInt16($0)) }
    }

    /// Refuses a command about `what` coded `key` (trimmed, as the rules store codes) when it is
    /// another partition's: the client sent it with the wrong key.
    func require(_ key: String, of what: String) throws {
        guard isSplit else { return }
        let code = key.trimmingCharacters(in: .whitespaces)
        let owner = PartitionKey.partition(of: code, count: count)
        guard owner != index else { return }
        throw EnrollmentError(
            "enrollment.otherPartition",
            "\(what) \(code) belongs to enrollment partition \(owner) of \(count), not \(index): send the command with \(code) as its partition key")
    }

    /// Refuses a check-in to another partition's lesson: the lesson's class decides, whatever key
    /// the command came with (one lookup, only when split).
    func requireOwner(ofLesson lesson: WireUUID, in db: Database) throws {
        guard isSplit else { return }
        let code = try String.fetchOne(
            db, sql: "SELECT c.code FROM lessons l JOIN periods p ON p.id = l.period_id JOIN classes c ON c.id = p.class_id WHERE l.id = ?",
            arguments: [StoredUUID.encode(lesson)])
        guard let code else { throw EnrollmentError("lesson.unknown", "lesson \(lesson) does not exist") }
        try require(code, of: "class")
    }
}
