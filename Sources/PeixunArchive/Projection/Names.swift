import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// The tree, members and names the archive remembers from enrollment's events: the committee of
/// a member, and names for transcripts and cabinets (never in a hash).
enum Names {
    static func organisation(_ event: OrganisationRegistered, in db: Database) throws {
        try db.run(
            "INSERT OR REPLACE INTO organisations (id, parent_id, code, name, kind) VALUES (?, ?, ?, ?, ?)",
            [StoredUUID.encode(event.organisation), event.parent.map(StoredUUID.encode), event.code, event.name, event.kind.rawValue])
    }

    static func member(_ event: MemberRegistered, in db: Database) throws {
        try db.run(
            "INSERT OR REPLACE INTO members (id, number, name, branch_id, secretary) VALUES (?, ?, ?, ?, ?)",
            [
                StoredUUID.encode(event.member), event.memberNumber, event.name, StoredUUID.encode(event.branch),
                // Secretaries and committee members owe the higher yearly quota.
                event.categories.contains(.branchSecretary) || event.categories.contains(.committeeMember),
            ])
    }

    static func course(_ event: CourseAdded, in db: Database) throws {
        try db.run(
            "INSERT OR REPLACE INTO courses (id, code, name) VALUES (?, ?, ?)",
            [StoredUUID.encode(event.course), event.code, event.name])
    }

    static func trainingClass(_ event: ClassScheduled, in db: Database) throws {
        try db.run(
            "INSERT OR REPLACE INTO classes (id, code, name, exam_pass_mark) VALUES (?, ?, ?, ?)",
            [StoredUUID.encode(event.trainingClass), event.code, event.name, event.examPassMark])
        for period in event.periods {
            try db.run(
                "INSERT OR REPLACE INTO periods (id, class_id, number) VALUES (?, ?, ?)",
                [StoredUUID.encode(period.period), StoredUUID.encode(event.trainingClass), period.number])
        }
    }

    static func lesson(_ event: LessonScheduled, in db: Database) throws {
        try db.run(
            "INSERT OR REPLACE INTO lessons (id, course_id, course_name) VALUES (?, ?, ?)",
            [StoredUUID.encode(event.lesson), StoredUUID.encode(event.course), event.courseName])
    }

    /// The party committee owning the member's branch: the branch's parent in the tree. Zero
    /// while the member or the branch is not yet known.
    static func committee(of member: WireUUID, in db: Database) throws -> WireUUID {
        try db.first(
            "SELECT b.parent_id FROM members m JOIN organisations b ON b.id = m.branch_id WHERE m.id = ?", [.uuid(member)]
        ) { row in
            row.isNull(0) ? .zero : try row.uuid(0, name: "organisations.parent_id")
        } ?? .zero
    }
}
