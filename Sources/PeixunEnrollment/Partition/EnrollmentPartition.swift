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
    public let split: KeyedPartition

    /// Enrollment not split: one store, the stream `enrollment/0`, everything.
    public static let whole = EnrollmentPartition(index: 0, count: 1)

    public init(index: Int, count: Int) {
        split = KeyedPartition(service: "enrollment", index: index, count: count)
    }

    public var isSplit: Bool { split.isSplit }

    /// The stream this partition publishes.
    public var stream: StreamID { split.stream }

    /// The other partitions' streams, which this one follows into its own tables.
    public var siblings: [StreamID] { split.siblings }

    /// Refuses a command about `what` coded `key` (trimmed, as the rules store codes) when it is
    /// another partition's: the client sent it with the wrong key.
    func require(_ key: String, of what: String) throws {
        let code = key.trimmingCharacters(in: .whitespaces)
        guard !split.owns(code) else { return }
        throw EnrollmentError(
            "enrollment.otherPartition",
            "\(what) \(code) belongs to enrollment partition \(split.owner(of: code)) of \(split.count), not \(split.index): send the command with \(code) as its partition key")
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
