import BenchProto
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Scoring: `ScoreRecorded`, the family's most frequent event (trainees score the instructor of
/// each lesson they attended: a few hundred thousand a city-year), with a Chinese comment.
enum ScoringBench: CodecFamily {
    static func sample(_ random: inout SplitMix64) -> ScoreRecorded {
        let uuids = (0..<8).map { _ in WireUUID.random(using: &random) }
        return ScoreRecorded(
            score: uuids[0], lesson: uuids[1], instructor: uuids[2], member: uuids[3],
            content: 5, delivery: 5, usefulness: 4, comment: "讲得很透彻，结合村里实际，很受启发",
            // 2024-03-12T16:05:42.318204+08:00, after the afternoon lesson.
            at: WireTimestamp(microsecondsSinceEpoch: 1_710_230_742_318_204),
            course: uuids[4], organiser: uuids[5], trainingClass: uuids[6], period: uuids[7],
            excellent: true,  // (5 + 5 + 4) / 3 ≥ 4.5
            memberNumber: "ZS-M004217")
    }

    static func proto(_ m: ScoreRecorded) -> Peixun_Bench_ScoreRecorded {
        var p = Peixun_Bench_ScoreRecorded()
        p.score = m.score.protoBytes
        p.lesson = m.lesson.protoBytes
        p.instructor = m.instructor.protoBytes
        p.member = m.member.protoBytes
        p.content = UInt32(m.content)
        p.delivery = UInt32(m.delivery)
        p.usefulness = UInt32(m.usefulness)
        if let comment = m.comment { p.comment = comment }
        p.atMicros = m.at.microsecondsSinceEpoch
        p.course = m.course.protoBytes
        p.organiser = m.organiser.protoBytes
        p.trainingClass = m.trainingClass.protoBytes
        p.period = m.period.protoBytes
        p.excellent = m.excellent
        p.memberNumber = m.memberNumber
        return p
    }

    static func message(_ q: Peixun_Bench_ScoreRecorded) throws -> ScoreRecorded {
        guard let content = UInt8(exactly: q.content), let delivery = UInt8(exactly: q.delivery),
              let usefulness = UInt8(exactly: q.usefulness)
        else { throw MirrorError(description: "a u8 field out of range") }
        return ScoreRecorded(
            score: try WireUUID(protoBytes: q.score), lesson: try WireUUID(protoBytes: q.lesson),
            instructor: try WireUUID(protoBytes: q.instructor), member: try WireUUID(protoBytes: q.member),
            content: content, delivery: delivery, usefulness: usefulness, comment: q.hasComment ? q.comment : nil,
            at: WireTimestamp(microsecondsSinceEpoch: q.atMicros), course: try WireUUID(protoBytes: q.course),
            organiser: try WireUUID(protoBytes: q.organiser), trainingClass: try WireUUID(protoBytes: q.trainingClass),
            period: try WireUUID(protoBytes: q.period), excellent: q.excellent, memberNumber: q.memberNumber)
    }

    static func json(_ m: ScoreRecorded) -> ScoreRecordedJSON {
        ScoreRecordedJSON(
            score: m.score.description, lesson: m.lesson.description, instructor: m.instructor.description,
            member: m.member.description, content: m.content, delivery: m.delivery, usefulness: m.usefulness,
            comment: m.comment, at: m.at.microsecondsSinceEpoch, course: m.course.description,
            organiser: m.organiser.description, trainingClass: m.trainingClass.description, period: m.period.description,
            excellent: m.excellent, memberNumber: m.memberNumber)
    }

    static func message(_ j: ScoreRecordedJSON) throws -> ScoreRecorded {
        ScoreRecorded(
            score: try WireUUID(json: j.score), lesson: try WireUUID(json: j.lesson),
            instructor: try WireUUID(json: j.instructor), member: try WireUUID(json: j.member),
            content: j.content, delivery: j.delivery, usefulness: j.usefulness, comment: j.comment,
            at: WireTimestamp(microsecondsSinceEpoch: j.at), course: try WireUUID(json: j.course),
            organiser: try WireUUID(json: j.organiser), trainingClass: try WireUUID(json: j.trainingClass),
            period: try WireUUID(json: j.period), excellent: j.excellent, memberNumber: j.memberNumber)
    }

    /// What the instructor's rating reads: the three dimensions, the excellent flag, and the
    /// member number's byte count.
    static func touch(_ view: ScoreRecorded.View) -> Int {
        Int(view.content) &+ Int(view.delivery) &+ Int(view.usefulness) &+ (view.excellent ? 1 : 0)
            &+ view.memberNumber.utf8.count
    }
}

/// The Codable mirror: uuids as text, the time as integer microseconds, the comment optional.
struct ScoreRecordedJSON: Codable, Equatable {
    var score: String
    var lesson: String
    var instructor: String
    var member: String
    var content: UInt8
    var delivery: UInt8
    var usefulness: UInt8
    var comment: String?
    var at: Int64
    var course: String
    var organiser: String
    var trainingClass: String
    var period: String
    var excellent: Bool
    var memberNumber: String
}
