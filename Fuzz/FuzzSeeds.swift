// The seed corpus: a few realistic messages of every family, encoded by the real writer, plus an
// empty body for every registered type id. Written by `PEIXUN_FUZZ_WRITE_SEEDS=<folder>`
// (see LLVMFuzzerInitialize in FuzzMessages.swift); run.sh does it before each run.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PeixunCodec
import PeixunMessages

func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

/// Writes every seed into `folder` (which must exist); returns how many.
func writeSeeds(to folder: String) -> Int {
    var count = 0
    func save(_ name: String, _ bytes: [UInt8]) {
        count += 1
        let path = "\(folder)/seed-\(count)-\(name)"
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    for message in seedMessages() {
        save(typeName(of: message), encodeAny(message))
    }
    // An empty body for every type: the fuzzer grows the fields from there.
    for typeID in MessageRegistry.byTypeID.keys.sorted() {
        save("empty-\(typeID)", [UInt8(typeID & 0xff), UInt8(typeID >> 8), 0])
    }
    // Broker-frames sequences (FuzzBrokerFrames.swift): a worker ready, a client's request for
    // its service, a tick, the worker's reply, a heartbeat, a status request, a long silence.
    let ready: [UInt8] = [1, 0, 0xF0, 0, 0, 8]                  // peer 0: WorkerReady echo, credit 8
    let request: [UInt8] = [2, 1, 0xF2, 5, 0, 30, 3, 0x61, 0x62, 0x63]  // peer 1: ClientRequest id 5 for echo, body "abc"
    let reply: [UInt8] = [2, 0, 0xF3, 5, 0, 1, 2, 0x6f, 0x6b]  // peer 0: WorkerReply to id 5 of client 1, body "ok"
    let heartbeat: [UInt8] = [1, 0, 0xF1, 0, 0]
    let status: [UInt8] = [2, 2, 0xF2, 9, 2, 0, 0]              // peer 2: ClientRequest for broker.status
    let silence: [UInt8] = [7, 200]
    save("frames-request-reply", ready + request + [7, 1] + reply + heartbeat + status)
    save("frames-worker-dies", ready + request + silence + reply)
    save("frames-no-worker", request + silence + status)
    return count
}

func encodeAny(_ message: any WireMessage) -> [UInt8] {
    func typed<M: WireMessage>(_ message: M) -> [UInt8] { encode(message) }
    return typed(message)
}

private func uuid(_ n: UInt64) -> WireUUID {
    WireUUID(high: 0x0011_2233_4455_6677 &+ n, low: 0x8899_aabb_ccdd_eeff &- n)
}

private let now = WireTimestamp(microsecondsSinceEpoch: 1_763_700_000_000_000)

private func seedMessages() -> [any WireMessage] {
    let hash = (0..<32).map { UInt8($0 &* 7) }
    return [
        // broker: the request path
        ClientRequest(service: "enrollment", requestID: uuid(0), timeoutMilliseconds: 3000),
        ClientReply(requestID: uuid(1), status: .ok, detail: ""),
        ClientReply(requestID: uuid(2), status: .invalid, detail: "body is not a known request"),
        WorkerReady(service: "enrollment", credit: 8, instance: "enrollment@host:4242"),
        WorkerHeartbeat(),
        WorkerReply(requestID: uuid(3), client: [0, 0x80, 0x00, 0x41, 0xa7]),
        WorkerDisconnect(),
        WorkerRequest(requestID: uuid(4), client: [0, 0x80, 0x00, 0x41, 0xa7], service: "scoring"),
        BrokerHeartbeat(),
        BrokerDisconnect(reason: "not registered"),
        // envelope
        Envelope(
            stream: StreamID(service: "enrollment", partition: 3), sequence: 42, eventType: 1030,
            schemaVersion: 1, time: now, commandID: uuid(5), correlationID: uuid(6)),
        StreamHead(stream: StreamID(service: "archive", partition: 0), headSequence: 1 << 40, time: now),
        ShowStatus(),
        ServiceStatusView(
            service: "reporting", instance: "reporting@host:4242", processID: 4242, startedAt: now,
            streams: [StreamStatus(stream: StreamID(service: "reporting", partition: 0), head: 12, publishedThrough: 11)],
            cursors: [CursorStatus(stream: StreamID(service: "enrollment", partition: 0), appliedThrough: 1 << 33)],
            malformedIgnored: 7, applyFailures: 2, malformedRequests: 1 << 20),
        // enrollment
        OrganisationRegistered(organisation: uuid(7), parent: uuid(8), name: "中山市小榄镇", kind: .town, code: "442000-07"),
        OrganisationRegistered(organisation: uuid(9), parent: nil, name: "中山市", kind: .city, code: "442000"),
        MemberRegistered(member: uuid(10), branch: uuid(11), name: "李明", categories: [.village, .branchSecretary],
                         joinedParty: WireTimestamp(microsecondsSinceEpoch: -86_400_000_000)),
        MemberEnrolled(
            enrollment: uuid(12), member: uuid(10), period: uuid(13), trainingClass: uuid(14), organisation: uuid(7),
            memberName: "李明", className: "党校第三期", enrolledAt: now, seat: 130, waitlisted: true,
            categories: [.joinedWithinThreeYears]),
        LessonScheduled(
            lesson: uuid(15), period: uuid(13), courseName: "基层治理", instructor: uuid(16), instructorName: "王老师",
            start: now, end: WireTimestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + 5_400_000_000),
            venue: Venue(venue: uuid(17), name: "主会场", capacity: 300, code: "DX-101"),
            branchVenues: [Venue(venue: uuid(18), name: "分会场一", capacity: 40, code: "XL-1"), Venue()],
            mode: .live, creditHours: 1.5, trainingClass: uuid(14), course: uuid(23), courseCode: "GT-01",
            module: .politicalTheory, organiser: uuid(7), instructorCode: "T-01"),
        CheckedIn(
            lesson: uuid(15), member: uuid(10), venue: uuid(18), at: now, method: .qrCode, clockSkewSeconds: -3,
            period: uuid(13), trainingClass: uuid(14), memberNumber: "GD-0001", source: "kiosk-XL-1"),
        ClassScheduled(
            trainingClass: uuid(14), code: "BJ-2026-01", name: "党员冬训班", organiser: uuid(7), organiserCode: "442000-07",
            organiserName: "小榄镇", planStatus: .unfiled, targetCategories: [.village, .committeeMember], completionPercent: 80,
            periods: [PeriodSummary(period: uuid(13), number: 1, start: now, end: now, capacity: 50)],
            warnings: [ClassWarning(code: "class.unfiledPlan", message: "无备案计划")], examPassMark: 60),
        Enroll(memberNumber: "GD-0001", classCode: "BJ-2026-01", periodNumber: 1),
        CheckIn(lesson: uuid(15), memberNumber: "GD-0001", method: .qrCode, code: "01234567", venueCode: "XL-1", deviceTime: now),
        // scoring
        ScoreRecorded(
            score: uuid(19), lesson: uuid(15), instructor: uuid(16), member: uuid(10), content: 5, delivery: 4,
            usefulness: 5, comment: "讲得好", at: now),
        ExamRecorded(member: uuid(10), period: uuid(13), score: 87.5, passed: true, at: now),
        InstructorRatingUpdated(instructor: uuid(16), raters: 12, excellentShare: 0.75),
        InstructorRatingUpdated(instructor: uuid(16), raters: 2, excellentShare: nil),
        // archive
        ArchiveEntryFiled(
            member: uuid(10), committee: uuid(20), entry: 1, kind: .attendance, creditHours: 1.5,
            previousHash: [], hash: hash, at: now, lane: .enrollment,
            content: ArchiveEntryContent(
                member: uuid(10), lane: .enrollment, entry: 1, kind: .attendance, at: now, sourceSequence: 77,
                lesson: uuid(15), creditHours: 0, score: nil, passed: nil)),
        MonthlyRootSealed(committee: uuid(20), month: "2026-11", root: hash, members: 1200, committeeCode: "442000-07"),
        // reporting
        MonthlyReportPublished(
            report: MonthlyReport(
                organisation: uuid(7), organisationCode: "442000-07", organisationName: "小榄镇", month: "2026-11", classes: 4,
                lessonsHeld: 31, memberTrainings: 5123, uniqueMembersTrained: 1888,
                coverage: [CoverageRow(organisation: uuid(21), code: "442000-07-01", name: "永宁社区", rosterMembers: 100, trainedMembers: 90, coverage: 0.9)],
                coverageChange: -17,
                flags: [
                    Flag(kind: .missedTraining, subject: uuid(10), detail: "漏训"),
                    Flag(kind: .duplicateTraining, subject: uuid(22), detail: ""),
                ])),
        ShowDashboard(organisationCode: "442000-07", day: "2026-11-21"),
        DashboardView(
            organisationCode: "442000-07", organisationName: "小榄镇", day: "2026-11-21",
            cursors: [DashboardCursor(stream: StreamID(service: "enrollment", partition: 0), appliedThrough: 5123)],
            lessons: [
                DashboardLesson(
                    lesson: uuid(15), classCode: "XL-01", className: "农村党员轮训班", courseName: "党章党规", start: now,
                    venues: [DashboardVenue(venue: uuid(23), code: "XL-101", name: "主会场", capacity: 100, checkedIn: 37)])
            ],
            checkInsPerMinute: [DashboardMinute(minute: now, checkIns: 12)],
            instructors: [DashboardInstructor(instructor: uuid(16), name: "王教授", scores: 9, raters: 7, excellent: 8, excellenceRate: 8.0 / 9.0)],
            flags: [Flag(kind: .checkInBurst, subject: uuid(15), detail: "虚训")]),
    ]
}
