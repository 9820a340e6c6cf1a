import GRDB
import PeixunCodec
import PeixunMessages

/// ShowCheckInCode: the code to put on the lesson's screen now, and how long it stays valid.
enum CheckInCodeQuery {
    static func show(_ query: ShowCheckInCode, settings: EnrollmentSettings, at time: WireTimestamp, in db: Database) throws
        -> CheckInCodeView
    {
        _ = try QueryLookup.lesson(query.lesson, in: db)
        let codes = try CheckInCodes.load(window: settings.codeWindowSeconds, from: db)
        let current = codes.current(lesson: query.lesson, at: time)
        return CheckInCodeView(
            lesson: query.lesson, code: current.code, validFrom: current.validFrom, validUntil: current.validUntil)
    }
}
