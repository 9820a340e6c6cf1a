import PeixunTestSupport
import BenchProto
import Foundation
import PeixunCodec
import PeixunMessages

/// The representative event, one value in each of the three encodings, built at run time.
struct Fixtures {
    let peixun: MemberEnrolled
    let proto: Peixun_Bench_MemberEnrolled
    let json: MemberEnrolledJSON

    let peixunBytes: [UInt8]
    let protoBytes: [UInt8]
    let jsonData: Data

    /// `seed` selects the five random uuids (v4, from a seeded generator: the same seed gives the
    /// same bytes, so callgrind runs are comparable).
    init(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let uuids = (0..<5).map { _ in WireUUID.random(using: &generator) }
        // 2024-03-11T08:30:15.123456+08:00 (Asia/Shanghai), in UTC microseconds.
        let enrolledAt = WireTimestamp(microsecondsSinceEpoch: 1_710_117_015_123_456)
        peixun = MemberEnrolled(
            enrollment: uuids[0], member: uuids[1], period: uuids[2], trainingClass: uuids[3],
            organisation: uuids[4], memberName: "张伟", className: "2024年村（社区）党组织书记培训班",
            enrolledAt: enrolledAt, seat: 37, waitlisted: false, categories: [.village, .branchSecretary])

        var proto = Peixun_Bench_MemberEnrolled()
        proto.enrollment = Data(uuids[0].bytes)
        proto.member = Data(uuids[1].bytes)
        proto.period = Data(uuids[2].bytes)
        proto.trainingClass = Data(uuids[3].bytes)
        proto.organisation = Data(uuids[4].bytes)
        proto.memberName = peixun.memberName
        proto.className = peixun.className
        proto.enrolledAtMicros = enrolledAt.microsecondsSinceEpoch
        proto.seat = peixun.seat
        proto.waitlisted = peixun.waitlisted
        proto.categories = peixun.categories.map { Peixun_Bench_MemberCategory(rawValue: Int($0.rawValue))! }
        self.proto = proto

        json = MemberEnrolledJSON(
            enrollment: uuids[0].description, member: uuids[1].description, period: uuids[2].description,
            trainingClass: uuids[3].description, organisation: uuids[4].description,
            memberName: peixun.memberName, className: peixun.className,
            enrolledAt: enrolledAt.microsecondsSinceEpoch, seat: peixun.seat, waitlisted: peixun.waitlisted,
            categories: peixun.categories.map { MemberEnrolledJSON.Category(rawValue: "\($0)")! })

        peixunBytes = try peixun.encoded()
        protoBytes = try proto.serializedBytes()
        jsonData = try JSONEncoder().encode(json)
    }

    /// Decodes each encoding and checks that all three carry exactly the sample's data.
    func verify() throws -> [String] {
        var problems: [String] = []
        let p = try MemberEnrolled(decoding: peixunBytes)
        if p != peixun { problems.append("peixun round trip differs") }
        let v = try peixunBytes.withUnsafeBytes { try MemberEnrolled.view($0).owned }
        if v != peixun { problems.append("peixun view round trip differs") }
        let q = try Peixun_Bench_MemberEnrolled(serializedBytes: protoBytes)
        if q != proto { problems.append("protobuf round trip differs") }
        let j = try JSONDecoder().decode(MemberEnrolledJSON.self, from: jsonData)
        if j != json { problems.append("JSON round trip differs") }
        // The three carry the same values.
        let fromProto = MemberEnrolled(
            enrollment: uuid(q.enrollment), member: uuid(q.member), period: uuid(q.period),
            trainingClass: uuid(q.trainingClass), organisation: uuid(q.organisation),
            memberName: q.memberName, className: q.className,
            enrolledAt: WireTimestamp(microsecondsSinceEpoch: q.enrolledAtMicros), seat: q.seat,
            waitlisted: q.waitlisted, categories: q.categories.map { MemberCategory(rawValue: UInt32($0.rawValue))! })
        if fromProto != peixun { problems.append("protobuf data differs from the Peixun sample") }
        let fromJSON = MemberEnrolled(
            enrollment: WireUUID(j.enrollment)!, member: WireUUID(j.member)!, period: WireUUID(j.period)!,
            trainingClass: WireUUID(j.trainingClass)!, organisation: WireUUID(j.organisation)!,
            memberName: j.memberName, className: j.className,
            enrolledAt: WireTimestamp(microsecondsSinceEpoch: j.enrolledAt), seat: j.seat,
            waitlisted: j.waitlisted,
            categories: j.categories.map { c in MemberCategory.allCases.first { "\($0)" == c.rawValue }! })
        if fromJSON != peixun { problems.append("JSON data differs from the Peixun sample") }
        return problems
    }

    private func uuid(_ data: Data) -> WireUUID {
        let b = [UInt8](data)
        precondition(b.count == 16)
        return WireUUID(
            high: b[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: b[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
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
