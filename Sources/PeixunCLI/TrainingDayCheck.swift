import Foundation
import PeixunCalendar
import PeixunCodec
import PeixunDemo
import PeixunMessages
import PeixunRuntime
import PeixunTransport
import ZeroMQ

/// What `peixun up` shows after the plumbing checks: a small training day through the real
/// enrollment service — an organisation tree, a roster, a course, an instructor, a class with a
/// lesson now, three enrollments into two seats (the third waitlisted), a check-in with the
/// lesson's signed code, the period closed and the member's credit hours read back; then the
/// other services, which know all this only from enrollment's events: the member scores the
/// instructor through scoring, and reporting shows the town's coverage.
///
/// Its codes carry the time (`D0521-…`), so it runs again on the same data without clashing.
///
/// With enrollment split, each command goes to its key's partition, and each waits until the
/// partitions have each other's events (what it names may have been written by another).
struct TrainingDayCheck {
    let requests: String
    let curve: ZMQCurveClientKeys?
    var enrollmentPartitions = 1

    func run() async throws {
        try await DedicatedThread.run(name: "training-day-check") { [requests, curve, enrollmentPartitions] in
            let context = try ZMQContext()
            try Run(
                commands: CommandClient(context: context, broker: requests, curve: curve),
                queries: QueryClient(context: context, broker: requests, curve: curve),
                barrier: SiblingBarrier(partitions: enrollmentPartitions, context: context, broker: requests, curve: curve),
                partitions: enrollmentPartitions)
                .all()
        }
    }

    private struct Run {
        let commands: CommandClient
        let queries: QueryClient
        let barrier: SiblingBarrier
        let partitions: Int
        let tag = Run.tag()

        static func tag() -> String {
            let now = ChinaCalendar.civil(.now)
            return "D" + [now.month, now.day, now.hour, now.minute, now.second].map { ChinaCalendar.pad($0) }.joined()
        }

        func all() throws {
            let city = "\(tag)-ZS", town = "\(tag)-XL", village = "\(tag)-XL-01", school = "\(tag)-DX"
            try accept(CreateOrganisation(code: city, name: "中山市", kind: .city), OrganisationCreated.self)
            try accept(CreateOrganisation(code: town, name: "小榄镇", kind: .town, parentCode: city), OrganisationCreated.self)
            try accept(CreateOrganisation(code: village, name: "永宁社区党委", kind: .village, parentCode: town), OrganisationCreated.self)
            try accept(CreateOrganisation(code: school, name: "中山市委党校", kind: .school, parentCode: city), OrganisationCreated.self)
            let members = ["张伟", "欧阳娜娜", "李强"].enumerated().map { index, name in
                RosterEntry(line: UInt32(index + 2), memberNumber: "\(tag)-\(index + 1)", name: name, branchCode: village, categories: [.community])
            }
            try barrier.wait(within: .seconds(15))
            let roster = try RosterSender(client: commands, partitions: partitions).send(ImportRoster(entries: members))
            guard roster.status == .accepted else {
                throw CLIError("training-day check: ImportRoster was \(roster.status) (\(roster.code)): \(roster.message)")
            }
            try accept(
                AddCourse(code: "\(tag)-GT", name: "习近平新时代中国特色社会主义思想概论", module: .politicalTheory, creditHours: 2, mode: .classroom),
                CourseAdded.self)
            try accept(AddInstructor(code: "\(tag)-T1", name: "李娜", kind: .partySchoolTeacher, organisationCode: school), InstructorAdded.self)
            StandardOutput.line("check: 4 organisations, 3 members, a course and an instructor registered (codes \(tag)-…)")
            try classWithLesson(school: school, members: members)
        }

        func classWithLesson(school: String, members: [RosterEntry]) throws {
            let now = WireTimestamp.now.microsecondsSinceEpoch, hour: Int64 = 3_600_000_000
            let period = PeriodSpec(
                start: WireTimestamp(microsecondsSinceEpoch: now - hour), end: WireTimestamp(microsecondsSinceEpoch: now + 3 * hour), capacity: 2)
            let classCode = "\(tag)-BJ"
            let scheduled = try accept(
                ScheduleClass(code: classCode, name: "党员冬训示范班", organiserCode: school, periods: [period]), ClassScheduled.self)
            let lesson = try accept(
                ScheduleLesson(
                    classCode: classCode, periodNumber: 1, courseCode: "\(tag)-GT", instructorCode: "\(tag)-T1",
                    start: WireTimestamp(microsecondsSinceEpoch: now - hour / 2), end: WireTimestamp(microsecondsSinceEpoch: now + hour),
                    venue: VenueSpec(code: "DX-101", name: "市委党校101教室", capacity: 120)),
                LessonBooked.self)
            StandardOutput.line("check: class 党员冬训示范班 scheduled with a lesson now; warnings: \(scheduled.warnings.map(\.code).joined(separator: ", "))")
            let enrolled = try members.map { try accept(Enroll(memberNumber: $0.memberNumber, classCode: classCode, periodNumber: 1), MemberEnrolled.self) }
            StandardOutput.line("check: 3 enrolled into 2 seats: \(enrolled.map { "\($0.memberName) \($0.waitlisted ? "waitlisted" : "seat \($0.seat)")" }.joined(separator: ", "))")
            try attendAndClose(lesson: lesson.lesson, classCode: classCode, member: members[0])
        }

        func attendAndClose(lesson: WireUUID, classCode: String, member: RosterEntry) throws {
            let code = try ask(ShowCheckInCode(lesson: lesson, classCode: classCode), CheckInCodeView.self).code
            try accept(CheckIn(lesson: lesson, memberNumber: member.memberNumber, method: .qrCode, code: code, source: "peixun-up", classCode: classCode), CheckInRecorded.self)
            let closed = try accept(ClosePeriod(classCode: classCode, periodNumber: 1), PeriodClosed.self)
            let view = try ask(ShowMember(memberNumber: member.memberNumber), MemberView.self)
            StandardOutput.line(
                "check: \(member.name) checked in with code \(code); period closed: \(closed.completed) completed, \(closed.notCompleted) not; \(view.name) now has \(view.creditHours) credit hours")
            try scoreAndReport(lesson: lesson, classCode: classCode, member: member)
        }

        /// Scoring and reporting follow enrollment's events: ask until they have caught up.
        func scoreAndReport(lesson: WireUUID, classCode: String, member: RosterEntry) throws {
            let score = try eventually("scoring to know \(member.name) attended") {
                let reply = try commands.send(
                    try SubmitScore(lesson: lesson, memberNumber: member.memberNumber, content: 5, delivery: 5, usefulness: 4, comment: "联系实际，讲得透彻")
                        .encoded(), to: "scoring", partitionKey: classCode)
                return reply.status == .accepted ? try ScoreRecorded(decoding: reply.result) : nil
            }
            StandardOutput.line("check: scoring took \(member.name)'s score of the instructor (excellent: \(score.excellent))")
            let year = UInt32(ChinaCalendar.year(.now))
            let town = "\(tag)-XL"
            let row = try eventually("reporting to count the completion") {
                let reply = try queries.ask(ShowCoverage(organisationCode: town, year: year), service: "reporting")
                let row = reply.status == .accepted ? try CoverageView(decoding: reply.result).rows.first : nil
                return row.flatMap { $0.trainedMembers > 0 ? $0 : nil }
            }
            StandardOutput.line("check: reporting: \(row.name) coverage \(row.trainedMembers) of \(row.rosterMembers) members trained this year")
            try archive(member: member, year: year)
        }

        /// The archive files the member's record from both streams: enrollment, attendance and
        /// completion from enrollment's; the confirmed completion and the score from scoring's.
        func archive(member: RosterEntry, year: UInt32) throws {
            let record = try eventually("the archive to file \(member.name)'s five entries") {
                let reply = try queries.ask(ShowTranscript(memberNumber: member.memberNumber), service: "archive")
                let record = reply.status == .accepted ? try Transcript(decoding: reply.result) : nil
                return record.flatMap { $0.entries.count == 5 ? $0 : nil }
            }
            let ledger = try ask(ShowLedger(memberNumber: member.memberNumber, year: year), LedgerView.self, of: "archive")
            StandardOutput.line(
                "check: archive: \(record.name)'s record in \(record.committeeName)'s cabinet holds \(record.entries.count) chained entries; "
                    + "\(ledger.lines.first?.hours ?? 0) of \(ledger.lines.first?.quota ?? 0) credit hours this year")
        }

        /// Asks `attempt` every 100 ms until it answers, for at most 15 s.
        func eventually<T>(_ what: String, _ attempt: () throws -> T?) throws -> T {
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                if let value = try attempt() { return value }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw CLIError("training-day check: waited 15 s for \(what)")
        }

        @discardableResult
        func accept<C: WireMessage & EnrollmentPartitionKeyed, R: WireMessage>(_ command: C, _: R.Type) throws -> R {
            try barrier.wait(within: .seconds(15))
            let reply = try commands.send(try command.encoded(), to: "enrollment", partitionKey: command.partitionKey)
            guard reply.status == .accepted else {
                throw CLIError("training-day check: \(C.typeName) was \(reply.status) (\(reply.code)): \(reply.message)")
            }
            return try R(decoding: reply.result)
        }

        func ask<Q: WireMessage, R: WireMessage>(_ query: Q, _: R.Type, of service: String = "enrollment") throws -> R {
            let key = service == "enrollment" ? (query as? any EnrollmentPartitionKeyed)?.partitionKey ?? "" : ""
            if service == "enrollment" { try barrier.wait(within: .seconds(15)) }
            let reply = try queries.ask(query, service: service, partitionKey: key)
            guard reply.status == .accepted else {
                throw CLIError("training-day check: \(Q.typeName) was \(reply.status) (\(reply.code)): \(reply.message)")
            }
            return try R(decoding: reply.result)
        }
    }
}
