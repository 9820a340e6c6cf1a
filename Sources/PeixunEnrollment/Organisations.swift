import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// The organisation tree: city → county/district → town/street → village/community (towns may sit
/// directly under a city without counties), with organs,
/// state enterprises, schools and two-new organisations under the city, a county or a town.
enum Organisations {
    struct Record: Sendable, Hashable {
        let id: WireUUID
        let code: String
        let name: String
        let kind: OrganisationKind
    }

    /// The kinds an organisation of `kind` may sit under; empty means it is the root.
    static func allowedParents(of kind: OrganisationKind) -> Set<OrganisationKind> {
        switch kind {
        case .city: []
        case .county: [.city]
        // Zhongshan and Dongguan have no counties: their towns sit directly under the city.
        case .town: [.county, .city]
        case .village: [.town]
        case .organ, .stateEnterprise, .school, .twoNew: [.city, .county, .town]
        }
    }

    /// Kinds whose members sit in them directly (a party branch or the branch of an organ…).
    static let branchKinds: Set<OrganisationKind> = [.village, .organ, .stateEnterprise, .school, .twoNew]

    static func find(code: String, in db: Database) throws -> Record? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, code, name, kind FROM organisations WHERE code = ?", arguments: [code])
        else { return nil }
        let kindValue: Int64 = row["kind"]
        guard let kind = OrganisationKind(rawValue: UInt32(kindValue)) else {
            throw EnrollmentError("organisation.corrupt", "organisation \(code) has an unknown kind \(kindValue)")
        }
        return Record(id: try StoredUUID.decode(row["id"]), code: row["code"], name: row["name"], kind: kind)
    }

    /// The organisation with `code`, refused when there is none.
    static func require(code: String, in db: Database) throws -> Record {
        guard let found = try find(code: code, in: db) else {
            throw EnrollmentError("organisation.unknown", "organisation \(code) does not exist")
        }
        return found
    }

    /// The organisation with `id`, and its parent's id.
    static func find(id: WireUUID, in db: Database) throws -> (record: Record, parent: WireUUID?) {
        guard let row = try db.row("SELECT code, parent_id FROM organisations WHERE id = ?", [StoredUUID.encode(id)]),
            let record = try find(code: row["code"], in: db)
        else { throw EnrollmentError("organisation.unknown", "organisation \(id) does not exist") }
        return (record, try (row["parent_id"] as Data?).map(StoredUUID.decode))
    }

    /// Creates an organisation under its parent, refusing what the tree does not allow.
    static func create(_ command: CreateOrganisation, context: CommandContext, in db: Database) throws -> OrganisationCreated {
        let code = command.code.trimmingCharacters(in: .whitespaces)
        let name = command.name.trimmingCharacters(in: .whitespaces)
        guard Identifier.isValid(code) else {
            throw EnrollmentError("organisation.invalidCode", "organisation code \"\(command.code)\" must be 1–32 letters, digits, - or _")
        }
        guard Identifier.isValidName(name) else {
            throw EnrollmentError("organisation.invalidName", "an organisation needs a name of 1–64 characters")
        }
        if try find(code: code, in: db) != nil {
            throw EnrollmentError("organisation.codeTaken", "organisation code \(code) is already used")
        }
        let allowed = allowedParents(of: command.kind)
        var parent: Record?
        if let parentCode = command.parentCode {
            guard let found = try find(code: parentCode, in: db) else {
                throw EnrollmentError("organisation.unknownParent", "parent organisation \(parentCode) does not exist")
            }
            guard allowed.contains(found.kind) else {
                throw EnrollmentError(
                    "organisation.wrongParent", "a \(command.kind) cannot sit under \(found.name) (a \(found.kind))")
            }
            parent = found
        } else {
            guard allowed.isEmpty else {
                throw EnrollmentError("organisation.parentRequired", "a \(command.kind) needs a parent organisation")
            }
        }
        let id = WireUUID.random()
        try db.execute(
            sql: "INSERT INTO organisations (id, code, name, kind, parent_id) VALUES (?, ?, ?, ?, ?)",
            arguments: [StoredUUID.encode(id), code, name, Int64(command.kind.rawValue), parent.map { StoredUUID.encode($0.id) }])
        try context.publish(
            OrganisationRegistered(organisation: id, parent: parent?.id, name: name, kind: command.kind, code: code), in: db)
        return OrganisationCreated(organisation: id, code: code)
    }
}
