import Foundation
import GRDB
import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunRuntime
import PeixunStore
import Testing

/// The enrollment queries over a real store, built by running the real commands
/// (EnrollmentFixture), answered from a read as `QueryWorker` answers them.
@Suite("Enrollment queries")
struct QueryTests {
    let fixture: EnrollmentFixture

    init() throws {
        fixture = try EnrollmentFixture()
        try fixture.makeWorld()
    }

    // MARK: The organisation tree

    @Test("the organisation tree comes depth first from the asked node, with the members registered in each")
    func treeDepthFirst() throws {
        let city = try fixture.answer(ShowOrganisationTree(code: "442000"), as: OrganisationTreeView.self)
        #expect(city.nodes.map(\.code) == ["442000", "442000-01", "442000-XL", "442000-XL-01", "442000-DX"])
        #expect(city.nodes.map(\.depth) == [0, 1, 2, 3, 1])
        #expect(city.nodes.map(\.members) == [0, 0, 0, 4, 1])
        #expect(city.nodes.map(\.name) == ["中山市", "中山市直", "小榄镇", "永宁社区党委", "中山市委党校"])
        #expect(city.nodes[0].parentCode == nil)
        #expect(city.nodes[4].kind == .school)

        let town = try fixture.answer(ShowOrganisationTree(code: "442000-XL"), as: OrganisationTreeView.self)
        #expect(town.nodes.map(\.code) == ["442000-XL", "442000-XL-01"])
        #expect(town.nodes.map(\.depth) == [0, 1], "the asked node is at depth 0 wherever it sits")
        #expect(town.nodes[0].parentCode == "442000-01")
    }

    // MARK: Members

    @Test("a member shows branch, categories and every enrollment; credit hours count completed periods only")
    func memberWithCompletion() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 10)])
        try fixture.scheduleClass("XL-02", name: "2024年乡村振兴专题班", periods: [Training.period(days: 3, 4, capacity: 10)])
        let first = try fixture.lesson("XL-01", course: "GT-01", start: Training.day(0, hour: 0))
        let second = try fixture.lesson("XL-01", course: "GT-02", start: Training.day(0, hour: 3), hours: 1.5)
        try fixture.enroll("GD-0001", in: "XL-01")
        try fixture.enroll("GD-0001", in: "XL-02")
        for (lesson, hour) in [(first.lesson, 0.5), (second.lesson, 3.5)] {
            _ = try fixture.accept(
                CheckIn(lesson: lesson, memberNumber: "GD-0001", method: .roster), as: CheckInRecorded.self,
                at: Training.day(0, hour: hour))
        }
        _ = try fixture.accept(ClosePeriod(classCode: "XL-01", periodNumber: 1), as: PeriodClosed.self, at: Training.day(2))

        let member = try fixture.answer(ShowMember(memberNumber: "GD-0001"), as: MemberView.self)
        #expect(member.name == "张伟")
        #expect(member.branchCode == "442000-XL-01")
        #expect(member.branchName == "永宁社区党委")
        #expect(member.categories == [.village, .branchSecretary])
        #expect(member.enrollments.map(\.classCode) == ["XL-01", "XL-02"])
        #expect(member.enrollments.map(\.status) == [.completed, .enrolled])
        #expect(member.enrollments[0].className == "2024年村（社区）党组织书记培训班")
        #expect(member.enrollments[0].creditHours == 3.5, "2 hours of GT-01 and 1.5 of GT-02")
        #expect(member.creditHours == 3.5, "the open enrollment adds nothing yet")
    }

    // MARK: Classes and enrollments

    @Test("a class shows its plan, warnings, seat and waitlist counts, and lessons in start order")
    func classView() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 2), Training.period(days: 7, 8, capacity: 30)])
        // Booked late but earliest: the class now opens with rural revitalisation, not political theory.
        try fixture.lesson("XL-01", course: "GT-01", start: Training.day(0, hour: 2))
        try fixture.lesson("XL-01", course: "RV-01", instructor: "T-02", start: Training.day(0, hour: 0))
        for member in ["GD-0001", "GD-0002", "GD-0004"] { try fixture.enroll(member, in: "XL-01") }

        let view = try fixture.answer(ShowClass(code: "XL-01"), as: ClassView.self)
        #expect(view.name == "2024年村（社区）党组织书记培训班")
        #expect(view.organiserCode == "442000-DX")
        #expect(view.organiserName == "中山市委党校")
        #expect(view.planCode == nil)
        #expect(view.planStatus == .unfiled)
        #expect(view.completionPercent == 80)
        #expect(view.warnings.map(\.code).contains("class.unfiledPlan"))
        #expect(view.warnings.map(\.code).contains("class.firstLessonNotPoliticalTheory"), "\(view.warnings)")
        #expect(view.periods.map(\.number) == [1, 2])
        #expect(view.periods[0].enrolled == 2)
        #expect(view.periods[0].waitlisted == 1)
        #expect(view.periods[0].capacity == 2)
        #expect(!view.periods[0].closed)
        #expect(view.periods[0].lessons.map(\.courseCode) == ["RV-01", "GT-01"], "start order, not booking order")
        #expect(view.periods[0].lessons[0].instructorName == "王建国")
        #expect(view.periods[0].lessons[0].venueName == "市委党校101教室")
        #expect(view.periods[0].lessons[0].mode == .onSite)
        #expect(view.periods[1].lessons.isEmpty)
    }

    @Test("the warnings a class shows are the ones its last lesson booking returned")
    func warningsAgreeWithCommands() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 2)])
        let booked = try fixture.lesson("XL-01", course: "RV-01", instructor: "T-02", start: Training.day(0, hour: 0))
        let view = try fixture.answer(ShowClass(code: "XL-01"), as: ClassView.self)
        #expect(view.warnings == booked.warnings)
    }

    @Test("enrollments list the seats in order, then the waitlist with each member's place as it stands")
    func enrollmentList() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 2)])
        // All at the same time, as commands committed in one group are: order is kept all the same.
        for member in ["GD-0001", "GD-0002", "GD-0004", "GD-0005", "GD-0003"] { try fixture.enroll(member, in: "XL-01") }
        let cancelled = try fixture.accept(
            CancelEnrollment(memberNumber: "GD-0001", classCode: "XL-01", periodNumber: 1, reason: "工作冲突"),
            as: EnrollmentCancellation.self)
        #expect(cancelled.promotedMemberNumber == "GD-0004")

        let list = try fixture.answer(ListEnrollments(classCode: "XL-01", periodNumber: 1), as: EnrollmentList.self)
        #expect(list.entries.map(\.memberNumber) == ["GD-0004", "GD-0002", "GD-0005", "GD-0003"], "cancelled members are not listed")
        #expect(list.entries.map(\.status) == [.enrolled, .enrolled, .waitlisted, .waitlisted])
        #expect(list.entries.map(\.seat) == [1, 2, 1, 2], "the promoted member took the freed seat 1; the waitlist moved up")
        #expect(list.entries[0].name == "王芳")

        let waiting = try fixture.answer(ShowMember(memberNumber: "GD-0003"), as: MemberView.self)
        #expect(waiting.enrollments.map(\.seat) == [2], "the member's own view agrees on the waitlist place")
        let gone = try fixture.answer(ShowMember(memberNumber: "GD-0001"), as: MemberView.self)
        #expect(gone.enrollments.map(\.status) == [.cancelled])
    }

    // MARK: Attendance

    @Test("attendance counts check-ins per venue, main venue first, and lists members in check-in order")
    func attendance() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 10)])
        let live = try fixture.lesson(
            "XL-01", course: "LV-01", start: Training.day(0, hour: 0),
            branches: [
                VenueSpec(code: "XL-A", name: "小榄镇分会场", capacity: 80), VenueSpec(code: "DC-B", name: "东区分会场", capacity: 60),
            ])
        for member in ["GD-0001", "GD-0002", "GD-0004"] { try fixture.enroll(member, in: "XL-01") }
        for (index, (member, venue)) in [("GD-0002", "XL-A"), ("GD-0001", ""), ("GD-0004", "XL-A")].enumerated() {
            _ = try fixture.accept(
                CheckIn(lesson: live.lesson, memberNumber: member, method: .liveStream, venueCode: venue),
                as: CheckInRecorded.self, at: Training.at(Training.day(0), plusHours: 0.1 * Double(index)))
        }

        let view = try fixture.answer(ShowAttendance(lesson: live.lesson), as: AttendanceView.self)
        #expect(view.courseName == "二十届三中全会精神直播课")
        #expect(view.enrolled == 3)
        #expect(view.checkedIn == 3)
        #expect(view.venues.map(\.code) == ["DX-101", "DC-B", "XL-A"], "main venue first, then branch venues by code")
        #expect(view.venues.map(\.checkedIn) == [1, 0, 2])
        #expect(view.venues[2].name == "小榄镇分会场")
        #expect(view.members.map(\.memberNumber) == ["GD-0002", "GD-0001", "GD-0004"])
        #expect(view.members.map(\.venueCode) == ["XL-A", "DX-101", "XL-A"])
        #expect(view.members.allSatisfy { $0.method == .liveStream })
    }

    @Test("the check-in code shown now is one a check-in now accepts")
    func checkInCode() throws {
        let now = WireTimestamp.now
        fixture.time = now
        try fixture.scheduleClass(
            "NOW-01", periods: [PeriodSpec(start: Training.at(now, plusHours: -24), end: Training.at(now, plusHours: 24), capacity: 5)])
        let lesson = try fixture.lesson("NOW-01", start: Training.at(now, plusHours: -0.5))
        try fixture.enroll("GD-0001", in: "NOW-01")
        let settings = EnrollmentSettings(codeWindowSeconds: 60)
        let shown = try fixture.answer(ShowCheckInCode(lesson: lesson.lesson), as: CheckInCodeView.self, settings: settings)
        #expect(shown.code.count == 8 && shown.code.allSatisfy(\.isASCII) && Int(shown.code) != nil)
        #expect(shown.validUntil.microsecondsSinceEpoch - shown.validFrom.microsecondsSinceEpoch == 120_000_000, "two windows")
        #expect(shown.validFrom <= now && now < shown.validUntil)
        let codes = try fixture.store.read { db in try CheckInCodes.load(window: 60, from: db) }
        #expect(codes.accepts(shown.code, lesson: lesson.lesson, at: .now))
        #expect(!codes.accepts(shown.code, lesson: .random(), at: .now), "a code belongs to its lesson")
    }

    // MARK: Refusals

    @Test("unknown members, classes, periods, lessons and organisations are refused with stable codes naming what was asked")
    func unknowns() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 2)])
        let lesson = WireUUID.random()
        func expectRefused(_ refusal: (code: String, message: String), _ code: String, naming asked: String) {
            #expect(refusal.code == code)
            #expect(refusal.message.contains(asked), "\(refusal.message)")
        }
        expectRefused(try fixture.refusal(ShowMember(memberNumber: "GD-9999")), "member.unknown", naming: "GD-9999")
        expectRefused(try fixture.refusal(ShowClass(code: "XL-99")), "class.unknown", naming: "XL-99")
        expectRefused(try fixture.refusal(ListEnrollments(classCode: "XL-99", periodNumber: 1)), "class.unknown", naming: "XL-99")
        expectRefused(
            try fixture.refusal(ListEnrollments(classCode: "XL-01", periodNumber: 7)), "period.unknown",
            naming: "2024年村（社区）党组织书记培训班")
        expectRefused(try fixture.refusal(ShowAttendance(lesson: lesson)), "lesson.unknown", naming: lesson.description)
        expectRefused(try fixture.refusal(ShowCheckInCode(lesson: lesson)), "lesson.unknown", naming: lesson.description)
        expectRefused(try fixture.refusal(ShowOrganisationTree(code: "442099")), "organisation.unknown", naming: "442099")
        #expect(try fixture.refusal(ListEnrollments(classCode: "XL-01", periodNumber: 7)).message.contains("period 7"))
    }

    @Test("a query that cannot be decoded throws a WireError (answered malformed); a message that is no query is refused")
    func malformed() throws {
        #expect(throws: WireError.self) { try fixture.ask(bytes: [0x00]) }
        #expect(throws: WireError.self) { try fixture.ask(bytes: Array(try ShowMember(memberNumber: "GD-0001").encoded().dropLast())) }
        let notAQuery = try fixture.ask(bytes: try AddCourse(code: "X", name: "X", module: .health, creditHours: 1, mode: .online).encoded())
        #expect(notAQuery == .rejected(code: "query.unknown", message: "the enrollment service has no query of type \(AddCourse.typeID)"))
    }

    // MARK: Indexes

    @Test("every query reads through indexes: no statement scans a table")
    func indexedReads() throws {
        fixture.time = Training.day(-1)
        try fixture.scheduleClass("XL-01", periods: [Training.period(days: 0, 1, capacity: 2)])
        let lesson = try fixture.lesson("XL-01", start: Training.day(0, hour: 0))
        for member in ["GD-0001", "GD-0002", "GD-0004"] { try fixture.enroll(member, in: "XL-01") }
        let queries: [(String, [UInt8])] = [
            ("ShowMember", try ShowMember(memberNumber: "GD-0004").encoded()),
            ("ShowClass", try ShowClass(code: "XL-01").encoded()),
            ("ListEnrollments", try ListEnrollments(classCode: "XL-01", periodNumber: 1).encoded()),
            ("ShowAttendance", try ShowAttendance(lesson: lesson.lesson).encoded()),
            ("ShowCheckInCode", try ShowCheckInCode(lesson: lesson.lesson).encoded()),
            // The recursive step finds children through organisations_by_parent.
            ("ShowOrganisationTree", try ShowOrganisationTree(code: "442000").encoded()),
        ]
        for (name, query) in queries {
            let (statements, scans) = try fixture.tableScans(query)
            #expect(statements > 0, "\(name) was traced")
            #expect(scans.isEmpty, "\(name) scans: \(scans)")
        }
    }
}

extension EnrollmentFixture {
    /// Runs a command at `time` that must be accepted, and decodes its result.
    func accept<M: WireMessage, R: WireMessage>(_ command: M, as _: R.Type, at time: WireTimestamp) throws -> R {
        guard case .accepted(let result) = try run(command, at: time) else { throw FixtureError("\(M.typeName) was not accepted") }
        return try R(decoding: result)
    }

    /// Answers an encoded query from a read, as `QueryWorker` does.
    func ask(bytes: [UInt8], settings: EnrollmentSettings = EnrollmentSettings()) throws -> CommandOutcome {
        try store.read { db in try bytes.withUnsafeBytes { try EnrollmentQueries(settings: settings).answer($0, in: db) } }
    }

    func answer<Q: WireMessage, R: WireMessage>(_ query: Q, as _: R.Type, settings: EnrollmentSettings = EnrollmentSettings()) throws -> R {
        let outcome = try ask(bytes: try query.encoded(), settings: settings)
        guard case .accepted(let result) = outcome else { throw FixtureError("\(Q.typeName) was not answered: \(outcome)") }
        return try R(decoding: result)
    }

    func refusal<Q: WireMessage>(_ query: Q) throws -> (code: String, message: String) {
        guard case .rejected(let code, let message) = try ask(bytes: try query.encoded()) else {
            throw FixtureError("\(Q.typeName) was answered")
        }
        return (code, message)
    }

    /// The table scans in the query plans of the statements `query` runs (traced with their
    /// arguments): a full scan of a table or an index, or an automatic index (built by a scan),
    /// costs the size of the store. Scans of a recursive query's own rows ("tree") and of a
    /// constant row are not table scans.
    func tableScans(_ query: [UInt8]) throws -> (statements: Int, scans: [String]) {
        try store.read { db in
            final class Statements { var sql: [String] = [] }
            let traced = Statements()
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { traced.sql.append(statement.expandedSQL) }
            }
            _ = try query.withUnsafeBytes { try EnrollmentQueries().answer($0, in: db) }
            db.trace(options: .statement, nil)
            var scans: [String] = []
            let reads = traced.sql.filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") }
            for sql in reads {
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql) {
                    let detail: String = row["detail"]
                    let scan = detail.hasPrefix("SCAN ") && !detail.hasPrefix("SCAN tree") && detail != "SCAN CONSTANT ROW"
                    // An automatic index is built by scanning the table, on every execution.
                    if scan || detail.contains("AUTOMATIC") {
                        scans.append("\(detail) in \(sql)")
                    }
                }
            }
            return (reads.count, scans)
        }
    }
}
