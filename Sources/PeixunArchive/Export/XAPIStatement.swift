import Foundation
import PeixunCodec
public import PeixunMessages

/// A member's transcript as xAPI (Experience API 1.0.3) statements, one per entry. A statement's
/// id is the UUIDv5 of its entry's hash, and every other field comes from the entry and the names
/// in the transcript, so exporting the same record again gives the same bytes.
public struct XAPIStatement: Encodable, Sendable, Hashable {
    public struct LanguageMap: Encodable, Sendable, Hashable {
        public var zh: String
        enum CodingKeys: String, CodingKey { case zh = "zh-CN" }
    }
    public struct Account: Encodable, Sendable, Hashable { public var homePage: String; public var name: String }
    public struct Actor: Encodable, Sendable, Hashable { public var objectType = "Agent"; public var name: String; public var account: Account }
    public struct Verb: Encodable, Sendable, Hashable { public var id: String; public var display: LanguageMap }
    public struct Definition: Encodable, Sendable, Hashable { public var name: LanguageMap; public var type: String }
    public struct Activity: Encodable, Sendable, Hashable { public var objectType = "Activity"; public var id: String; public var definition: Definition? }
    public struct Score: Encodable, Sendable, Hashable { public var raw: Double; public var min: Double; public var max: Double }
    public struct Result: Encodable, Sendable, Hashable {
        public var score: Score?
        public var success: Bool?
        public var completion: Bool?
        public var extensions: [String: Double]?
    }
    public struct ContextActivities: Encodable, Sendable, Hashable { public var parent: [Activity] }
    public struct Context: Encodable, Sendable, Hashable {
        public var platform = "Peixun"
        public var language = "zh-CN"
        public var contextActivities: ContextActivities?
        public var extensions: [String: String]
    }

    public var id: String
    public var actor: Actor
    public var verb: Verb
    public var object: Activity
    public var result: Result?
    public var context: Context
    public var timestamp: String

    static let base = "https://peixun.local/xapi"

    /// The statements of `transcript`, in its order.
    public static func statements(_ transcript: Transcript) -> [XAPIStatement] {
        transcript.entries.map { statement($0, of: transcript) }
    }

    static func statement(_ entry: TranscriptEntry, of transcript: Transcript) -> XAPIStatement {
        let content = entry.content
        let classActivity = Activity(
            id: "\(base)/classes/\(content.trainingClass)/periods/\(content.period)",
            definition: Definition(
                name: LanguageMap(zh: "\(entry.className) 第\(entry.periodNumber)期"), type: "http://adlnet.gov/expapi/activities/course"))
        let object: Activity =
            content.lesson != .zero
            ? Activity(
                id: "\(base)/lessons/\(content.lesson)",
                definition: Definition(name: LanguageMap(zh: entry.courseName), type: "http://adlnet.gov/expapi/activities/lesson"))
            : classActivity
        return XAPIStatement(
            id: WireUUID.version5(namespace: .archiveStatementNamespace, name: entry.hash).description,
            actor: Actor(name: transcript.name, account: Account(homePage: "\(base)/members", name: transcript.memberNumber)),
            verb: verb(entry), object: object, result: result(entry),
            context: Context(
                contextActivities: content.lesson != .zero ? ContextActivities(parent: [classActivity]) : nil,
                extensions: [
                    "\(base)/extensions/entry-hash": entry.hash.map { String(format: "%02x", $0) }.joined(),
                    "\(base)/extensions/lane": "\(entry.lane)",
                    "\(base)/extensions/entry": "\(entry.entry)",
                    "\(base)/extensions/committee": transcript.committeeCode,
                ]),
            timestamp: timestamp(entry.at))
    }

    static func verb(_ entry: TranscriptEntry) -> Verb {
        switch entry.kind {
        case .enrollment, .promotion: Verb(id: "http://adlnet.gov/expapi/verbs/registered", display: LanguageMap(zh: "报名"))
        case .waitlisted: Verb(id: "\(base)/verbs/waitlisted", display: LanguageMap(zh: "候补"))
        case .cancellation: Verb(id: "\(base)/verbs/cancelled", display: LanguageMap(zh: "取消报名"))
        case .attendance: Verb(id: "http://adlnet.gov/expapi/verbs/attended", display: LanguageMap(zh: "参训签到"))
        case .completion: Verb(id: "http://adlnet.gov/expapi/verbs/completed", display: LanguageMap(zh: "结业"))
        case .score: Verb(id: "http://id.tincanapi.com/verb/rated", display: LanguageMap(zh: "评教"))
        case .exam:
            entry.passed == true
                ? Verb(id: "http://adlnet.gov/expapi/verbs/passed", display: LanguageMap(zh: "考试通过"))
                : Verb(id: "http://adlnet.gov/expapi/verbs/failed", display: LanguageMap(zh: "考试未通过"))
        }
    }

    static func result(_ entry: TranscriptEntry) -> Result? {
        switch entry.kind {
        case .completion:
            Result(
                score: entry.score.map { Score(raw: $0, min: 0, max: 100) }, success: nil, completion: true,
                extensions: ["\(base)/extensions/credit-hours": entry.creditHours])
        case .score: entry.score.map { Result(score: Score(raw: $0, min: 1, max: 5)) }
        case .exam: Result(score: entry.score.map { Score(raw: $0, min: 0, max: 100) }, success: entry.passed)
        default: nil
        }
    }

    /// ISO 8601 in UTC with milliseconds, as xAPI asks.
    static func timestamp(_ time: WireTimestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: Date(timeIntervalSince1970: Double(time.microsecondsSinceEpoch) / 1_000_000))
    }

    /// The statements as one JSON array: sorted keys, Chinese as is, no escaped slashes.
    public static func json(_ statements: [XAPIStatement]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(statements), as: UTF8.self)
    }
}
