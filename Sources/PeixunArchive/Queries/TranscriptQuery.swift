import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// ShowTranscript: a member's whole record, each entry with the names known now.
enum TranscriptQuery {
    static func show(_ query: ShowTranscript, in db: Database) throws -> Transcript {
        let member = try Lookup.member(number: query.memberNumber, in: db)
        let branch = try Lookup.organisation(id: member.branch, in: db)
        let committee = try Lookup.committee(ofBranch: member.branch, in: db)
        let entries = try StoredEntry.all(member: member.id, in: db).map { try line($0, in: db) }
        return Transcript(
            member: member.id, memberNumber: member.number, name: member.name, branchCode: branch?.code ?? "",
            committeeCode: committee?.code ?? "", committeeName: committee?.name ?? "",
            head: try Chains.memberHead(member.id, before: nil, in: db) ?? [], entries: entries)
    }

    static func line(_ stored: StoredEntry, in db: Database) throws -> TranscriptEntry {
        let entry = stored.content
        let trainingClass = try db.row("SELECT code, name FROM classes WHERE id = ?", [StoredUUID.encode(entry.trainingClass)])
        let period = try db.row("SELECT number FROM periods WHERE id = ?", [StoredUUID.encode(entry.period)])
        return TranscriptEntry(
            lane: entry.lane, entry: entry.entry, kind: entry.kind, at: entry.at, classCode: trainingClass?["code"] ?? "",
            className: trainingClass?["name"] ?? "", periodNumber: period?["number"] ?? 0, courseName: try courseName(entry, in: db),
            creditHours: entry.creditHours, score: entry.score, passed: entry.passed, hash: stored.hash, content: entry)
    }

    /// A score names its course; an attendance its lesson, whose course LessonScheduled named.
    static func courseName(_ entry: ArchiveEntryContent, in db: Database) throws -> String {
        if entry.course != .zero, let row = try db.row("SELECT name FROM courses WHERE id = ?", [StoredUUID.encode(entry.course)]) {
            return row["name"]
        }
        if entry.lesson != .zero, let row = try db.row("SELECT course_name FROM lessons WHERE id = ?", [StoredUUID.encode(entry.lesson)]) {
            return row["course_name"]
        }
        return ""
    }
}
