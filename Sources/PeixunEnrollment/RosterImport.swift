import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Registers a roster's members, all or nothing (unless `skipInvalid`), and idempotently: an
/// entry identical to a registered member changes nothing. With `checkOnly` it answers the same
/// and writes nothing.
enum RosterImport {
    static func run(_ command: ImportRoster, context: CommandContext, in db: Database) throws -> RosterImported {
        var problems: [RosterEntryProblem] = []
        var toRegister: [(RosterEntry, Organisations.Record)] = []
        var unchanged: UInt32 = 0
        var seen: [String: UInt32] = [:]
        var branches: [String: Organisations.Record?] = [:]
        for entry in command.entries {
            func problem(_ code: String, _ message: String) {
                problems.append(RosterEntryProblem(line: entry.line, code: code, message: "line \(entry.line): \(message)"))
            }
            if let first = seen[entry.memberNumber] {
                problem("member.duplicate", "member \(entry.memberNumber) is also on line \(first)")
                continue
            }
            seen[entry.memberNumber] = entry.line
            guard Identifier.isValid(entry.memberNumber) else {
                problem("member.invalidNumber", "member number \"\(entry.memberNumber)\" is not 1–32 letters, digits, - or _")
                continue
            }
            let name = entry.name.trimmingCharacters(in: .whitespaces)
            guard Identifier.isValidName(name) else {
                problem("member.invalidName", "member \(entry.memberNumber) needs a name of 1–64 characters")
                continue
            }
            let branch: Organisations.Record?
            if let cached = branches[entry.branchCode] {
                branch = cached
            } else {
                branch = try Organisations.find(code: entry.branchCode, in: db)
                branches[entry.branchCode] = .some(branch)
            }
            guard let branch else {
                problem("member.unknownBranch", "branch \(entry.branchCode) does not exist")
                continue
            }
            guard Organisations.branchKinds.contains(branch.kind) else {
                problem("member.notABranch", "\(branch.name) (\(branch.code)) is a \(branch.kind), not a branch members belong to")
                continue
            }
            switch try Members.compare(entry, name: name, branch: branch, in: db) {
            case .new: toRegister.append((entry, branch))
            case .same: unchanged += 1
            case .different(let what):
                problem("member.conflict", "member \(entry.memberNumber) is already registered with another \(what)")
            }
        }
        if !problems.isEmpty && !command.skipInvalid {
            let listed = problems.prefix(50).map(\.message).joined(separator: "\n")
            let more = problems.count > 50 ? "\n… and \(problems.count - 50) more" : ""
            throw EnrollmentError(
                "roster.invalid", "\(problems.count) of \(command.entries.count) rows are invalid; nothing was imported:\n\(listed)\(more)")
        }
        for (entry, branch) in toRegister where !command.checkOnly {
            try Members.register(entry, branch: branch, context: context, in: db)
        }
        return RosterImported(registered: UInt32(toRegister.count), unchanged: unchanged, skipped: problems)
    }
}

/// The members table.
enum Members {
    enum Comparison { case new, same, different(String) }

    static func compare(_ entry: RosterEntry, name: String, branch: Organisations.Record, in db: Database) throws -> Comparison {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT name, branch_id, categories, joined FROM members WHERE number = ?", arguments: [entry.memberNumber])
        else { return .new }
        if (row["name"] as String) != name { return .different("name") }
        if try StoredUUID.decode(row["branch_id"]) != branch.id { return .different("branch") }
        if (row["categories"] as String) != StoredCategories.encode(entry.categories) { return .different("category list") }
        if (row["joined"] as Int64?) != entry.joinedParty?.microsecondsSinceEpoch { return .different("joining date") }
        return .same
    }

    static func register(_ entry: RosterEntry, branch: Organisations.Record, context: CommandContext, in db: Database) throws {
        let id = WireUUID.random()
        let name = entry.name.trimmingCharacters(in: .whitespaces)
        let categories = Array(Set(entry.categories)).sorted { $0.rawValue < $1.rawValue }
        try db.execute(
            sql: "INSERT INTO members (id, number, name, branch_id, categories, joined) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                StoredUUID.encode(id), entry.memberNumber, name, StoredUUID.encode(branch.id),
                StoredCategories.encode(categories), entry.joinedParty?.microsecondsSinceEpoch,
            ])
        try context.publish(
            MemberRegistered(
                member: id, branch: branch.id, name: name, categories: categories,
                joinedParty: entry.joinedParty ?? .epoch, memberNumber: entry.memberNumber, branchCode: branch.code), in: db)
    }
}
