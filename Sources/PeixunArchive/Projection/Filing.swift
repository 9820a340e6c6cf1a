import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Turns one source event into an entry of its member's chain and publishes ArchiveEntryFiled,
/// at the source event's time and under its command and correlation ids.
struct Filing {
    let envelope: Envelope
    let lane: ArchiveLane

    private func content(
        _ member: WireUUID, _ kind: ArchiveEntryKind, trainingClass: WireUUID = .zero, period: WireUUID = .zero,
        lesson: WireUUID = .zero, course: WireUUID = .zero, creditHours: Double = 0, score: Double? = nil, passed: Bool? = nil
    ) -> ArchiveEntryContent {
        ArchiveEntryContent(
            member: member, lane: lane, entry: 0, kind: kind, at: envelope.time, sourceSequence: envelope.sequence,
            trainingClass: trainingClass, period: period, lesson: lesson, course: course, creditHours: creditHours,
            score: score, passed: passed)
    }

    private func file(_ content: ArchiveEntryContent, in db: Database) throws {
        let committee = try Names.committee(of: content.member, in: db)
        let filed = try Chains.append(content, committee: committee, in: db)
        try Outbox.append(
            filed, stream: ArchiveStore.stream, commandID: envelope.commandID, correlationID: envelope.correlationID,
            at: envelope.time, in: db)
    }

    /// A completion counted by the ledger (which lane counts depends on the class: see LedgerQuery).
    private func complete(_ member: WireUUID, period: WireUUID, trainingClass: WireUUID, year: UInt32, hours: Double, in db: Database) throws {
        try db.run(
            """
            INSERT OR REPLACE INTO completions (member_id, period_id, lane, class_id, year, credit_hours)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [StoredUUID.encode(member), StoredUUID.encode(period), lane.rawValue, StoredUUID.encode(trainingClass), year, hours])
    }

    func file(_ event: MemberEnrolled, in db: Database) throws {
        try file(
            content(event.member, event.waitlisted ? .waitlisted : .enrollment, trainingClass: event.trainingClass, period: event.period),
            in: db)
    }

    func file(_ event: EnrollmentCancelled, in db: Database) throws {
        try file(content(event.member, .cancellation, trainingClass: event.trainingClass, period: event.period), in: db)
    }

    func file(_ event: WaitlistPromoted, in db: Database) throws {
        try file(content(event.member, .promotion, trainingClass: event.trainingClass, period: event.period), in: db)
    }

    func file(_ event: CheckedIn, in db: Database) throws {
        try file(
            content(event.member, .attendance, trainingClass: event.trainingClass, period: event.period, lesson: event.lesson), in: db)
    }

    func file(_ event: PeriodCompleted, in db: Database) throws {
        try file(
            content(event.member, .completion, trainingClass: event.trainingClass, period: event.period, creditHours: event.creditHours),
            in: db)
        try complete(event.member, period: event.period, trainingClass: event.trainingClass, year: event.year, hours: event.creditHours, in: db)
    }

    func file(_ event: ScoreRecorded, in db: Database) throws {
        let mean = (Double(event.content) + Double(event.delivery) + Double(event.usefulness)) / 3
        try file(
            content(
                event.member, .score, trainingClass: event.trainingClass, period: event.period, lesson: event.lesson,
                course: event.course, score: mean), in: db)
    }

    func file(_ event: ExamRecorded, in db: Database) throws {
        try file(
            content(event.member, .exam, trainingClass: event.trainingClass, period: event.period, score: event.score, passed: event.passed),
            in: db)
    }

    func file(_ event: CompletionConfirmed, in db: Database) throws {
        try file(
            content(
                event.member, .completion, trainingClass: event.trainingClass, period: event.period, creditHours: event.creditHours,
                score: event.examScore), in: db)
        try complete(event.member, period: event.period, trainingClass: event.trainingClass, year: event.year, hours: event.creditHours, in: db)
    }
}
