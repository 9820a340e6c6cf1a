import PeixunCodec
import PeixunMessages
import Testing

/// A view hands out strings, bytes and lists still inside the received bytes; they compare with
/// plain Swift values without copying.
@Suite("view fields")
struct ViewFieldTests {
    @Test("a LessonScheduled view exposes its strings, nested venue and venue list in place")
    func lessonView() throws {
        let bytes = EnrollmentSamples.lesson.bytes()
        try bytes.withUnsafeBytes { buffer in
            let view = try LessonScheduled.view(buffer)
            #expect(view.courseName == "基层党组织建设")
            #expect(view.instructorName == "李娜")
            #expect(!(view.instructorName == "李"))
            #expect(view.venue.name == "中山市委党校")
            #expect(view.venue.capacity == 300)
            #expect(view.branchVenues.count == 2)
            let names = try view.branchVenues.map { (venue) throws(WireError) in try venue.name.string }
            #expect(names == ["小榄镇分会场", ""])
            #expect(view.mode == .live)
            #expect(view.creditHours == 1.5)
            #expect(view.start == march2024())
            // The string is not a copy: its bytes lie inside the frame.
            let frame = UInt(bitPattern: buffer.baseAddress)
            let text = UInt(bitPattern: view.courseName.utf8.baseAddress)
            #expect(text > frame && text < frame + UInt(buffer.count))
        }
    }

    @Test("an OrganisationRegistered view: Chinese name, optional parent, enum")
    func organisationView() throws {
        let bytes = EnrollmentSamples.town.bytes()
        try bytes.withUnsafeBytes { buffer in
            let view = try OrganisationRegistered.view(buffer)
            #expect(view.name == "中山市小榄镇")
            #expect(try view.name.string == "中山市小榄镇")
            #expect(view.name.description == "中山市小榄镇")
            #expect(view.code == "442000-XL")
            #expect(view.parent == IDs.organisation)
            #expect(view.kind == .town)
        }
        try EnrollmentSamples.city.bytes().withUnsafeBytes { buffer in
            let view = try OrganisationRegistered.view(buffer)
            #expect(view.parent == nil)
        }
    }

    @Test("MemberEnrolled and MemberRegistered views: names, class name, category lists")
    func memberViews() throws {
        try EnrollmentSamples.enrolled.bytes().withUnsafeBytes { buffer in
            let view = try MemberEnrolled.view(buffer)
            #expect(view.memberName == "张伟")
            #expect(view.className == "2024年村（社区）党组织书记培训班")
            #expect(Array(view.categories) == [.branchSecretary])
            #expect(view.seat == 42)
        }
        try EnrollmentSamples.member.bytes().withUnsafeBytes { buffer in
            let view = try MemberRegistered.view(buffer)
            #expect(view.name == "张伟")
            #expect(Array(view.categories) == [.village, .branchSecretary])
            #expect(view.categories.underestimatedCount == 2)
        }
    }

    @Test("bytes fields and list-of-struct views in other families")
    func otherFamilies() throws {
        let archive = ArchiveEntryFiled(
            member: IDs.member, committee: IDs.town, entry: 2, kind: .score, hash: [1, 2, 3], lane: .scoring, content: Catalog.examContent)
        try archive.bytes().withUnsafeBytes { buffer in
            let view = try ArchiveEntryFiled.view(buffer)
            #expect(view.hash.array == [1, 2, 3])
            #expect(view.previousHash.array.isEmpty)
            #expect(view.kind == .score)
        }
        let report = Catalog.entry(MonthlyReportPublished.self).representatives[0]
        try report.bytes().withUnsafeBytes { buffer in
            let view = try MonthlyReportPublished.view(buffer).report
            #expect(view.month == "2024-03")
            let details = try view.flags.map { (flag) throws(WireError) in try flag.detail.string }
            #expect(details == ["截至2024-03月底，2024年未完成任何培训期次（漏训）", "全部41人次签到来自同一来源「pad-3」，集中在12秒内"])
            #expect(view.coverage.map(\.rosterMembers) == [1_250, 12])
            #expect(view.coverageChange == -17)
        }
        try Envelope(stream: StreamID(service: "档案", partition: 9)).bytes().withUnsafeBytes { buffer in
            let view = try Envelope.view(buffer)
            #expect(view.stream.service == "档案")
            #expect(view.stream.partition == 9)
        }
    }

    @Test("two WireStrings with the same bytes are equal and hash alike")
    func wireStringEquality() throws {
        let first = BrokerDisconnect(reason: "党校").bytes()
        let second = [UInt8](repeating: 0xEE, count: 5) + first  // same content at another address
        try first.withUnsafeBytes { a in
            try second.withUnsafeBytes { b in
                let x = try BrokerDisconnect.view(a).reason
                let y = try BrokerDisconnect.view(UnsafeRawBufferPointer(rebasing: b[5...])).reason
                #expect(x == y)
                #expect(x.hashValue == y.hashValue)
            }
        }
    }
}
