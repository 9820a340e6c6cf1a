import Foundation
import PeixunArchive
import PeixunCodec
import PeixunMessages
import Testing

@Suite("A member's record is a hash chain of its entries")
struct ChainTests {
    @Test("enrollment, waitlist, cancellation, promotion, attendance and completion are filed in the member's enrollment lane, in stream order")
    func enrollmentLane() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.zhang))
        try archive.apply(World.enrolled(World.ouyang, waitlisted: true))
        try archive.apply(EnrollmentCancelled(member: World.zhang, period: World.examPeriod, trainingClass: World.examClass, reason: "工作冲突"))
        try archive.apply(WaitlistPromoted(member: World.ouyang, period: World.examPeriod, trainingClass: World.examClass, seat: 1))
        try archive.apply(World.checkedIn(World.ouyang), at: World.march(plus: 600))
        try archive.apply(World.completed(World.ouyang), at: World.march(plus: 90_000))
        let filed = try archive.published(ArchiveEntryFiled.self)
        #expect(filed.map(\.kind) == [.enrollment, .waitlisted, .cancellation, .promotion, .attendance, .completion])
        #expect(filed.filter { $0.member == World.ouyang }.map(\.entry) == [1, 2, 3, 4])
        #expect(filed.filter { $0.member == World.zhang }.map(\.entry) == [1, 2])
        #expect(filed.allSatisfy { $0.lane == .enrollment })
        #expect(filed.last?.creditHours == 2)
        #expect(filed.last?.at == World.march(plus: 90_000), "an entry's time is its source event's time")
    }

    @Test("each entry's hash is SHA-256 over the previous hash and the entry's canonical bytes, and links to the entry before")
    func links() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.zhang))
        try archive.apply(World.checkedIn(World.zhang))
        let filed = try archive.published(ArchiveEntryFiled.self)
        #expect(filed[0].previousHash == [])
        #expect(filed[0].hash == ArchiveHash.entry(filed[0].content, previous: ArchiveHash.zero))
        #expect(filed[1].previousHash == filed[0].hash)
        #expect(filed[1].hash == ArchiveHash.entry(filed[1].content, previous: filed[0].hash))
        #expect(filed[1].hash.count == 32)
    }

    @Test("the canonical bytes and hash of an entry are pinned: version 1 never changes")
    func pinnedEncoding() throws {
        let content = ArchiveEntryContent(
            member: World.zhang, lane: .scoring, entry: 3, kind: .exam, at: World.march, sourceSequence: 42,
            trainingClass: World.examClass, period: World.examPeriod, creditHours: 0, score: 86.5, passed: true)
        let canonical = ArchiveHash.canonical(content)
        #expect(hex(canonical) == Self.pinnedCanonical)
        #expect(hex(ArchiveHash.entry(content, previous: [])) == Self.pinnedHash)
    }

    static let pinnedCanonical =
        "0000000000005eed000000000000000a" + "02" + "03" + "05" + "00c48c5cdf120600" + "2a"
        + "0000000000005eed000000000000001e" + "0000000000005eed000000000000001f"
        + String(repeating: "00", count: 16) + String(repeating: "00", count: 16) + "0000000000000000"
        + "01" + "0000000000a05540" + "01" + "01"
    static let pinnedHash = "97d42339dfe6c0701a0793cd68f0de5d22a731189d5f0a22d75be2a78c9913eb"

    @Test("a member's committee is the party committee owning their branch: the branch's parent")
    func committee() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.zhang))
        try archive.apply(World.enrolled(World.li))
        let filed = try archive.published(ArchiveEntryFiled.self)
        #expect(filed.map(\.committee) == [World.town, World.otherTown])
    }

    @Test("scores, exams and confirmed completions from scoring are filed in the member's scoring lane")
    func scoringLane() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.zhang))
        try archive.apply(World.scored(World.zhang), from: "scoring", at: World.march(plus: 7_300))
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.march(plus: 80_000))
        try archive.apply(World.confirmed(World.zhang), from: "scoring", at: World.march(plus: 80_001))
        let scoring = try archive.published(ArchiveEntryFiled.self).filter { $0.lane == .scoring }
        #expect(scoring.map(\.kind) == [.score, .exam, .completion])
        #expect(scoring.map(\.entry) == [1, 2, 3])
        #expect(scoring[0].content.score == 4, "a score is the mean of its three dimensions (5, 4, 3)")
        #expect(scoring[0].content.course == World.course)
        #expect(scoring[1].content.score == 86)
        #expect(scoring[1].content.passed == true)
        #expect(scoring[2].creditHours == 2)
        let transcript = try archive.ask(ShowTranscript(memberNumber: "GD-0001"), as: Transcript.self)
        #expect(transcript.entries.map(\.kind) == [.enrollment, .score, .exam, .completion])
        #expect(transcript.entries[1].courseName == "学习贯彻习近平新时代中国特色社会主义思想")
        #expect(transcript.entries[2].className == "2024年村（社区）党员轮训班")
        #expect(transcript.name == "张伟")
        #expect(transcript.committeeName == "小榄镇党委")
    }

    @Test("the order the enrollment and scoring streams arrive in changes no head and no root (a rebuild gives the same)")
    func arrivalOrder() throws {
        let live = try ArchiveFixture()
        let rebuilt = try ArchiveFixture()
        for archive in [live, rebuilt] { try archive.makeWorld() }
        let enrollment: [(any WireMessage, WireTimestamp)] = [
            (World.enrolled(World.zhang), World.march), (World.checkedIn(World.zhang), World.march(plus: 600)),
            (World.completed(World.zhang), World.march(plus: 90_000)), (World.enrolled(World.ouyang), World.april),
        ]
        let scoring: [(any WireMessage, WireTimestamp)] = [
            (World.scored(World.zhang), World.march(plus: 7_300)), (World.exam(World.zhang), World.march(plus: 80_000)),
            (World.confirmed(World.zhang), World.april),
        ]
        // Live: interleaved by time. Rebuilt: all of enrollment's replay first, then scoring's.
        let interleaved = (enrollment.map { ($0.0, "enrollment", $0.1) } + scoring.map { ($0.0, "scoring", $0.1) })
            .enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
        for (event, service, time) in interleaved { try live.applyAny(event, from: service, at: time) }
        for (event, time) in enrollment { try rebuilt.applyAny(event, from: "enrollment", at: time) }
        for (event, time) in scoring { try rebuilt.applyAny(event, from: "scoring", at: time) }

        for number in ["GD-0001", "GD-0002"] {
            let a = try live.ask(ShowTranscript(memberNumber: number), as: Transcript.self)
            let b = try rebuilt.ask(ShowTranscript(memberNumber: number), as: Transcript.self)
            #expect(a.head == b.head && !a.head.isEmpty, "\(number)")
            #expect(a.entries.map(\.hash) == b.entries.map(\.hash), "\(number)")
        }
        let a = try live.ask(ShowCabinet(committeeCode: "442000-XL"), as: CabinetView.self)
        let b = try rebuilt.ask(ShowCabinet(committeeCode: "442000-XL"), as: CabinetView.self)
        #expect(a.roots.map(\.month) == ["2024-03"])
        #expect(a.roots == b.roots)
        #expect(a.currentRoot == b.currentRoot)
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
