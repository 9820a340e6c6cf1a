import BenchProto
import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Archive: `ArchiveEntryFiled`, one link of a member's hash chain, filed for every enrollment,
/// check-in, completion, score and exam. The sample is an attendance entry (from a CheckedIn, the
/// most frequent kind: 0.5–1.5 million check-ins a city-year), with its two 32-byte hashes and
/// the hashed content; as the archive files it, ids the kind has no use for (course) are zero and
/// the optional score and passed are absent.
enum ArchiveBench: CodecFamily {
    static func sample(_ random: inout SplitMix64) -> ArchiveEntryFiled {
        let uuids = (0..<5).map { _ in WireUUID.random(using: &random) }
        let hashes = (0..<2).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) } }
        // 2024-03-12T14:02:07.551930+08:00, the check-in's commit time.
        let at = WireTimestamp(microsecondsSinceEpoch: 1_710_223_327_551_930)
        let content = ArchiveEntryContent(
            member: uuids[0], lane: .enrollment, entry: 23, kind: .attendance, at: at, sourceSequence: 1_284_902,
            trainingClass: uuids[2], period: uuids[3], lesson: uuids[4], course: WireUUID(high: 0, low: 0),
            creditHours: 0, score: nil, passed: nil)
        return ArchiveEntryFiled(
            member: uuids[0], committee: uuids[1], entry: 23, kind: .attendance, creditHours: 0,
            previousHash: hashes[0], hash: hashes[1], at: at, lane: .enrollment, content: content)
    }

    static func proto(_ m: ArchiveEntryFiled) -> Peixun_Bench_ArchiveEntryFiled {
        var p = Peixun_Bench_ArchiveEntryFiled()
        p.member = m.member.protoBytes
        p.committee = m.committee.protoBytes
        p.entry = m.entry
        p.kind = protoEnum(m.kind)
        p.creditHours = m.creditHours
        p.previousHash = Data(m.previousHash)
        p.hash = Data(m.hash)
        p.atMicros = m.at.microsecondsSinceEpoch
        p.lane = protoEnum(m.lane)
        let c = m.content
        p.content.member = c.member.protoBytes
        p.content.lane = protoEnum(c.lane)
        p.content.entry = c.entry
        p.content.kind = protoEnum(c.kind)
        p.content.atMicros = c.at.microsecondsSinceEpoch
        p.content.sourceSequence = c.sourceSequence
        p.content.trainingClass = c.trainingClass.protoBytes
        p.content.period = c.period.protoBytes
        p.content.lesson = c.lesson.protoBytes
        p.content.course = c.course.protoBytes
        p.content.creditHours = c.creditHours
        if let score = c.score { p.content.score = score }
        if let passed = c.passed { p.content.passed = passed }
        return p
    }

    static func message(_ q: Peixun_Bench_ArchiveEntryFiled) throws -> ArchiveEntryFiled {
        let c = q.content
        let content = ArchiveEntryContent(
            member: try WireUUID(protoBytes: c.member), lane: try peixunEnum(c.lane), entry: c.entry,
            kind: try peixunEnum(c.kind), at: WireTimestamp(microsecondsSinceEpoch: c.atMicros),
            sourceSequence: c.sourceSequence, trainingClass: try WireUUID(protoBytes: c.trainingClass),
            period: try WireUUID(protoBytes: c.period), lesson: try WireUUID(protoBytes: c.lesson),
            course: try WireUUID(protoBytes: c.course), creditHours: c.creditHours,
            score: c.hasScore ? c.score : nil, passed: c.hasPassed ? c.passed : nil)
        return ArchiveEntryFiled(
            member: try WireUUID(protoBytes: q.member), committee: try WireUUID(protoBytes: q.committee), entry: q.entry,
            kind: try peixunEnum(q.kind), creditHours: q.creditHours, previousHash: [UInt8](q.previousHash),
            hash: [UInt8](q.hash), at: WireTimestamp(microsecondsSinceEpoch: q.atMicros), lane: try peixunEnum(q.lane),
            content: content)
    }

    static func json(_ m: ArchiveEntryFiled) -> ArchiveEntryFiledJSON {
        let c = m.content
        return ArchiveEntryFiledJSON(
            member: m.member.description, committee: m.committee.description, entry: m.entry, kind: "\(m.kind)",
            creditHours: m.creditHours, previousHash: Data(m.previousHash), hash: Data(m.hash),
            at: m.at.microsecondsSinceEpoch, lane: "\(m.lane)",
            content: .init(
                member: c.member.description, lane: "\(c.lane)", entry: c.entry, kind: "\(c.kind)",
                at: c.at.microsecondsSinceEpoch, sourceSequence: c.sourceSequence,
                trainingClass: c.trainingClass.description, period: c.period.description, lesson: c.lesson.description,
                course: c.course.description, creditHours: c.creditHours, score: c.score, passed: c.passed))
    }

    static func message(_ j: ArchiveEntryFiledJSON) throws -> ArchiveEntryFiled {
        let c = j.content
        let content = ArchiveEntryContent(
            member: try WireUUID(json: c.member), lane: try enumCase(c.lane), entry: c.entry, kind: try enumCase(c.kind),
            at: WireTimestamp(microsecondsSinceEpoch: c.at), sourceSequence: c.sourceSequence,
            trainingClass: try WireUUID(json: c.trainingClass), period: try WireUUID(json: c.period),
            lesson: try WireUUID(json: c.lesson), course: try WireUUID(json: c.course), creditHours: c.creditHours,
            score: c.score, passed: c.passed)
        return ArchiveEntryFiled(
            member: try WireUUID(json: j.member), committee: try WireUUID(json: j.committee), entry: j.entry,
            kind: try enumCase(j.kind), creditHours: j.creditHours, previousHash: [UInt8](j.previousHash),
            hash: [UInt8](j.hash), at: WireTimestamp(microsecondsSinceEpoch: j.at), lane: try enumCase(j.lane),
            content: content)
    }

    /// What a chain checker reads: the entry's position, its hash's length and the source sequence.
    static func touch(_ view: ArchiveEntryFiled.View) -> Int {
        Int(truncatingIfNeeded: view.entry) &+ view.hash.bytes.count
            &+ Int(truncatingIfNeeded: view.content.sourceSequence)
    }
}

/// The Codable mirror: uuids as text, times as integer microseconds, enums by name, the hashes as
/// `Data` (Foundation writes base64).
struct ArchiveEntryFiledJSON: Codable, Equatable {
    struct Content: Codable, Equatable {
        var member: String
        var lane: String
        var entry: UInt64
        var kind: String
        var at: Int64
        var sourceSequence: UInt64
        var trainingClass: String
        var period: String
        var lesson: String
        var course: String
        var creditHours: Double
        var score: Double?
        var passed: Bool?
    }
    var member: String
    var committee: String
    var entry: UInt64
    var kind: String
    var creditHours: Double
    var previousHash: Data
    var hash: Data
    var at: Int64
    var lane: String
    var content: Content
}
