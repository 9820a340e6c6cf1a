import GRDB
import PeixunCodec
import PeixunMessages
import PeixunStore

/// ShowExcellence: the excellence rate of an instructor, a course or a school, by its code.
/// Hidden (no share, no interval, no excellent count) until `ExcellenceRate.minimumRaters`
/// different members have scored it.
enum ExcellenceQuery {
    static func show(_ query: ShowExcellence, in db: Database) throws -> ExcellenceView {
        let (table, what) = switch query.scope {
        case .instructor: ("instructors", "instructor")
        case .course: ("courses", "course")
        case .school: ("schools", "school")
        }
        guard let subject = try db.row("SELECT id, name FROM \(table) WHERE code = ?", [query.code]) else {
            throw ScoringError("\(what).unknown", "\(what) \(query.code) is not known to scoring")
        }
        let rate = try Tallies.rate(query.scope, subject: try StoredUUID.decode(subject["id"]), in: db)
        return ExcellenceView(
            scope: query.scope, code: query.code, name: subject["name"], raters: rate.raters, scores: rate.scores,
            excellent: rate.isShown ? rate.excellent : 0, excellentShare: rate.share, intervalLow: rate.interval?.lowerBound,
            intervalHigh: rate.interval?.upperBound, minimumRaters: ExcellenceRate.minimumRaters)
    }
}
