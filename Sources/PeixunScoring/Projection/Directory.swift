import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// Names and codes, kept so that commands name things as people type them and refusals name
/// them as people know them. Upserts: applying the same registration twice changes nothing.
enum Directory {
    static func member(_ event: MemberRegistered, in db: Database) throws {
        try db.run(
            "INSERT INTO members (id, number, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET number = excluded.number, name = excluded.name",
            [StoredUUID.encode(event.member), event.memberNumber, event.name])
    }

    static func course(_ event: CourseAdded, in db: Database) throws {
        try db.run(
            "INSERT INTO courses (id, code, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
            [StoredUUID.encode(event.course), event.code, event.name])
    }

    static func instructor(_ event: InstructorAdded, in db: Database) throws {
        try db.run(
            "INSERT INTO instructors (id, code, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
            [StoredUUID.encode(event.instructor), event.code, event.name])
    }

    static func school(id: WireUUID, code: String, name: String, in db: Database) throws {
        try db.run(
            "INSERT INTO schools (id, code, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
            [StoredUUID.encode(id), code, name])
    }
}
