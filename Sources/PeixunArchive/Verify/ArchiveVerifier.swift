import Foundation
public import GRDB
import PeixunCalendar
import PeixunCodec
import PeixunMessages
import PeixunStore

/// What `peixun archive verify` found: every chain and sealed root recomputed from the store.
public struct VerificationReport: Sendable, Hashable {
    /// One break, precisely: whose record, which entry, what differs.
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        public var memberNumber: String
        public var memberName: String
        public var lane: String
        public var entry: UInt64
        public var problem: String

        public var description: String { "member \(memberNumber) \(memberName), \(lane) lane, entry \(entry): \(problem)" }
    }

    public struct RootBreak: Sendable, Hashable, CustomStringConvertible {
        public var committeeCode: String
        public var month: String
        public var problem: String

        public var description: String { "committee \(committeeCode), \(month): \(problem)" }
    }

    public var members = 0
    public var entries = 0
    public var roots = 0
    public var breaks: [Break] = []
    public var rootBreaks: [RootBreak] = []

    public var intact: Bool { breaks.isEmpty && rootBreaks.isEmpty }
}

/// Recomputes every chain (links and hashes) and every sealed month's root from the rows of an
/// archive store, and compares each entry with the ArchiveEntryFiled event the archive published
/// for it (its own outbox), so a changed row is named with the field that changed.
public enum ArchiveVerifier {
    public static func verify(_ db: Database) throws -> VerificationReport {
        var check = ChainCheck(filed: try filedEntries(in: db), names: try memberNames(in: db))
        // The primary key's order: member, lane, entry. A cursor: the store may hold millions.
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM entries ORDER BY member_id, lane, entry")
        while let row = try rows.next() {
            check.entry(try StoredEntry(row))
        }
        check.missing()
        var report = check.report
        try verifyRoots(&report, in: db)
        return report
    }

    /// The walk over every chain, entry by entry in chain order.
    struct ChainCheck {
        var filed: [Key: ArchiveEntryFiled]
        let names: [WireUUID: (number: String, name: String)]
        var report = VerificationReport()
        var previous: (member: WireUUID, lane: ArchiveLane, entry: UInt64, hash: [UInt8])?
        var members = Set<WireUUID>()

        mutating func entry(_ stored: StoredEntry) {
            let content = stored.content
            members.insert(content.member)
            report.members = members.count
            report.entries += 1
            let sameChain = previous.map { $0.member == content.member && $0.lane == content.lane } ?? false
            let expectedEntry = sameChain ? previous!.entry + 1 : 1
            let expectedPrevious = sameChain ? previous!.hash : []
            if content.entry != expectedEntry {
                flag(content, "expected entry \(expectedEntry) here: an entry is missing or out of place")
            }
            if stored.previousHash != expectedPrevious {
                flag(content, "its previous hash \(hex(stored.previousHash)) is not the hash of the entry before (\(hex(expectedPrevious)))")
            }
            let recomputed = ArchiveHash.entry(content, previous: stored.previousHash)
            if recomputed != stored.hash {
                flag(content, "its content hashes to \(hex(recomputed)), not to its stored hash \(hex(stored.hash))")
            }
            compareWithFiled(stored)
            previous = (content.member, content.lane, content.entry, stored.hash)
        }

        /// The entry against the ArchiveEntryFiled published for it; each one seen is crossed off.
        mutating func compareWithFiled(_ stored: StoredEntry) {
            let content = stored.content
            guard let original = filed.removeValue(forKey: Key(member: content.member, lane: content.lane, entry: content.entry)) else {
                flag(content, "no ArchiveEntryFiled event was published for it")
                return
            }
            let changed = differences(content, original.content)
            if !changed.isEmpty { flag(content, "changed since filed: " + changed.joined(separator: "; ")) }
            if original.hash != stored.hash { flag(content, "stored hash \(hex(stored.hash)) differs from the filed \(hex(original.hash))") }
        }

        /// Entries published but no longer in the store: a chain cut short leaves no broken link.
        mutating func missing() {
            for (_, event) in filed.sorted(by: { ($0.key.member, $0.key.lane.rawValue, $0.key.entry) < ($1.key.member, $1.key.lane.rawValue, $1.key.entry) }) {
                flag(event.content, "filed (hash \(hex(event.hash))) but missing from the store")
            }
        }

        mutating func flag(_ content: ArchiveEntryContent, _ problem: String) {
            let who = names[content.member] ?? (number: content.member.description, name: "")
            report.breaks.append(
                .init(memberNumber: who.number, memberName: who.name, lane: "\(content.lane)", entry: content.entry, problem: problem))
        }
    }

    static func memberNames(in db: Database) throws -> [WireUUID: (number: String, name: String)] {
        var names: [WireUUID: (number: String, name: String)] = [:]
        for row in try db.rows("SELECT id, number, name FROM members") { names[try row.uuid("id")] = (row["number"], row["name"]) }
        return names
    }

    static func verifyRoots(_ report: inout VerificationReport, in db: Database) throws {
        for row in try db.rows(
            "SELECT r.*, o.code FROM monthly_roots r LEFT JOIN organisations o ON o.id = r.committee_id ORDER BY o.code, r.month")
        {
            report.roots += 1
            let committee = try row.uuid("committee_id")
            let code = (row["code"] as String?) ?? committee.description
            guard let month = ChinaMonth(row["month"] as String) else {
                report.rootBreaks.append(.init(committeeCode: code, month: row["month"], problem: "not a month"))
                continue
            }
            let (root, members) = try Chains.committeeRoot(committee, before: month.end, in: db)
            if root != row.bytes("root") || members != row["members"] as Int {
                report.rootBreaks.append(
                    .init(
                        committeeCode: code, month: month.description,
                        problem: "sealed root \(hex(row.bytes("root"))) over \(row["members"] as Int) member(s); the entries give \(hex(root)) over \(members)"))
            }
        }
    }

    struct Key: Hashable {
        let member: WireUUID
        let lane: ArchiveLane
        let entry: UInt64
    }

    /// Every ArchiveEntryFiled in the archive's own outbox, by member, lane and entry.
    static func filedEntries(in db: Database) throws -> [Key: ArchiveEntryFiled] {
        var filed: [Key: ArchiveEntryFiled] = [:]
        var after: UInt64 = 0
        while true {
            let events = try Outbox.events(stream: ArchiveStore.stream, after: after, limit: 10_000, in: db)
            guard let last = events.last else { return filed }
            for event in events where event.eventType == ArchiveEntryFiled.typeID {
                let entry = try ArchiveEntryFiled(decoding: event.payload)
                filed[Key(member: entry.member, lane: entry.lane, entry: entry.entry)] = entry
            }
            after = last.sequence
        }
    }

    /// The fields of `stored` that differ from `filed`, as "field: now X, filed as Y".
    static func differences(_ stored: ArchiveEntryContent, _ filed: ArchiveEntryContent) -> [String] {
        let fields: [(String, String, String)] = [
            ("kind", "\(stored.kind)", "\(filed.kind)"), ("at", "\(stored.at)", "\(filed.at)"),
            ("sourceSequence", "\(stored.sourceSequence)", "\(filed.sourceSequence)"),
            ("trainingClass", "\(stored.trainingClass)", "\(filed.trainingClass)"),
            ("period", "\(stored.period)", "\(filed.period)"), ("lesson", "\(stored.lesson)", "\(filed.lesson)"),
            ("course", "\(stored.course)", "\(filed.course)"), ("creditHours", "\(stored.creditHours)", "\(filed.creditHours)"),
            ("score", "\(stored.score.map { "\($0)" } ?? "none")", "\(filed.score.map { "\($0)" } ?? "none")"),
            ("passed", "\(stored.passed.map { "\($0)" } ?? "none")", "\(filed.passed.map { "\($0)" } ?? "none")"),
        ]
        return fields.filter { $0.1 != $0.2 }.map { "\($0.0): now \($0.1), filed as \($0.2)" }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "(none)" : bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "…"
    }
}
