import BenchProto
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Enrollment: `MemberEnrolled`, the event of every seat taken (100,000–200,000 a city-year), and
/// the payload the bus benchmark (b) publishes.
enum EnrollmentBench: CodecFamily {
    static func sample(_ random: inout SplitMix64) -> MemberEnrolled {
        let uuids = (0..<5).map { _ in WireUUID.random(using: &random) }
        return MemberEnrolled(
            enrollment: uuids[0], member: uuids[1], period: uuids[2], trainingClass: uuids[3],
            organisation: uuids[4], memberName: "张伟", className: "2024年村（社区）党组织书记培训班",
            // 2024-03-11T08:30:15.123456+08:00 (Asia/Shanghai), in UTC microseconds.
            enrolledAt: WireTimestamp(microsecondsSinceEpoch: 1_710_117_015_123_456),
            seat: 37, waitlisted: false, categories: [.village, .branchSecretary])
    }

    static func proto(_ m: MemberEnrolled) -> Peixun_Bench_MemberEnrolled {
        var p = Peixun_Bench_MemberEnrolled()
        p.enrollment = m.enrollment.protoBytes
        p.member = m.member.protoBytes
        p.period = m.period.protoBytes
        p.trainingClass = m.trainingClass.protoBytes
        p.organisation = m.organisation.protoBytes
        p.memberName = m.memberName
        p.className = m.className
        p.enrolledAtMicros = m.enrolledAt.microsecondsSinceEpoch
        p.seat = m.seat
        p.waitlisted = m.waitlisted
        p.categories = m.categories.map(protoEnum)
        return p
    }

    static func message(_ q: Peixun_Bench_MemberEnrolled) throws -> MemberEnrolled {
        MemberEnrolled(
            enrollment: try WireUUID(protoBytes: q.enrollment), member: try WireUUID(protoBytes: q.member),
            period: try WireUUID(protoBytes: q.period), trainingClass: try WireUUID(protoBytes: q.trainingClass),
            organisation: try WireUUID(protoBytes: q.organisation), memberName: q.memberName, className: q.className,
            enrolledAt: WireTimestamp(microsecondsSinceEpoch: q.enrolledAtMicros), seat: q.seat,
            waitlisted: q.waitlisted, categories: try q.categories.map(peixunEnum))
    }

    static func json(_ m: MemberEnrolled) -> MemberEnrolledJSON {
        MemberEnrolledJSON(
            enrollment: m.enrollment.description, member: m.member.description, period: m.period.description,
            trainingClass: m.trainingClass.description, organisation: m.organisation.description,
            memberName: m.memberName, className: m.className,
            enrolledAt: m.enrolledAt.microsecondsSinceEpoch, seat: m.seat, waitlisted: m.waitlisted,
            categories: m.categories.map { MemberEnrolledJSON.Category(rawValue: "\($0)")! })
    }

    static func message(_ j: MemberEnrolledJSON) throws -> MemberEnrolled {
        MemberEnrolled(
            enrollment: try WireUUID(json: j.enrollment), member: try WireUUID(json: j.member),
            period: try WireUUID(json: j.period), trainingClass: try WireUUID(json: j.trainingClass),
            organisation: try WireUUID(json: j.organisation), memberName: j.memberName, className: j.className,
            enrolledAt: WireTimestamp(microsecondsSinceEpoch: j.enrolledAt), seat: j.seat, waitlisted: j.waitlisted,
            categories: try j.categories.map { try enumCase($0.rawValue) })
    }

    /// Two scalar fields and one string's byte count.
    static func touch(_ view: MemberEnrolled.View) -> Int {
        Int(view.seat) &+ (view.waitlisted ? 1 : 0) &+ view.className.utf8.count
    }
}

/// The Codable mirror for Foundation's JSON coders: uuids as their text form (as JSON carries
/// them), the timestamp as integer microseconds, enums by name.
struct MemberEnrolledJSON: Codable, Equatable {
    enum Category: String, Codable {
        case village, community, organ, enterprise, joinedWithinThreeYears, branchSecretary
    }
    var enrollment: String
    var member: String
    var period: String
    var trainingClass: String
    var organisation: String
    var memberName: String
    var className: String
    var enrolledAt: Int64
    var seat: UInt32
    var waitlisted: Bool
    var categories: [Category]
}
