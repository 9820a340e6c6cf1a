import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

extension Attendance {
    /// What a `CheckIn` names, found with one statement instead of six: the lesson, the member,
    /// an earlier check-in of theirs, the lesson's period, the member's active enrollment status
    /// there and the venue the check-in names (the main venue when it names none). A missing one
    /// is nil; the caller applies the rules in their order.
    struct Lookup {
        var lesson: LessonRecord?
        var member: MemberRecord?
        var earlier: (venue: WireUUID, at: WireTimestamp)?
        var period: PeriodRecord?
        var status: Int64?
        var venue: WireUUID?

        static let lessonAt: Int32 = 0
        static let memberAt = lessonAt + LessonRecord.columnCount
        static let periodAt = memberAt + MemberRecord.columnCount
        static let earlierAt = periodAt + PeriodRecord.columnCount
        static let statusAt = earlierAt + 2
        static let venueAt = statusAt + 1

        /// Left joins from one row, each by a unique index; `venue` is the clause choosing the venue.
        static func sql(venue: String) -> String {
            """
            SELECT \(LessonRecord.columns("l")), \(MemberRecord.columns("m")), \(PeriodRecord.columns("p")), c.venue_id, c.at,
                (SELECT e.status FROM enrollments e WHERE e.member_id = m.id AND e.period_id = p.id AND e.status IN (1, 2)),
                (SELECT v.id FROM lesson_venues v WHERE v.lesson_id = l.id AND \(venue))
            FROM (SELECT 1) LEFT JOIN lessons l ON l.id = ?1 LEFT JOIN members m ON m.number = ?2
                LEFT JOIN check_ins c ON c.lesson_id = l.id AND c.member_id = m.id
                LEFT JOIN periods p ON p.id = l.period_id
            """
        }

        static let mainVenueSQL = sql(venue: "v.main = 1")
        static let namedVenueSQL = sql(venue: "v.code = ?3")

        static func find(_ command: CheckIn, in db: Database) throws -> Lookup {
            let byCode = !command.venueCode.isEmpty
            var arguments: [SQLValue] = [.uuid(command.lesson), .text(command.memberNumber)]
            if byCode { arguments.append(.text(command.venueCode)) }
            return try db.first(byCode ? namedVenueSQL : mainVenueSQL, arguments) { row in
                var found = Lookup()
                if !row.isNull(lessonAt) { found.lesson = try LessonRecord(row, at: lessonAt) }
                if !row.isNull(memberAt) { found.member = try MemberRecord(row, at: memberAt) }
                if !row.isNull(periodAt) { found.period = try PeriodRecord(row, at: periodAt) }
                if !row.isNull(earlierAt) {
                    found.earlier = (try row.uuid(earlierAt), WireTimestamp(microsecondsSinceEpoch: row.int(earlierAt + 1)))
                }
                if !row.isNull(statusAt) { found.status = row.int(statusAt) }
                if !row.isNull(venueAt) { found.venue = try row.uuid(venueAt) }
                return found
            } ?? Lookup()
        }
    }
}
