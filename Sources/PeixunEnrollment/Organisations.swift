import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// The organisation tree: city → county/district → town/street → village/community, with organs,
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
        case .town: [.county]
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
        try Outbox.append(
            OrganisationRegistered(organisation: id, parent: parent?.id, name: name, kind: command.kind, code: code),
            stream: EnrollmentStore.stream, commandID: context.commandID, correlationID: context.correlationID,
            at: context.time, in: db)
        return OrganisationCreated(organisation: id, code: code)
    }
}

/// The shapes of what people type: codes and member numbers, and names.
enum Identifier {
    static let maximumLength = 32
    static let maximumNameLength = 64

    /// An organisation code or a member number: 1–32 ASCII letters, digits, `-` or `_`.
    static func isValid(_ text: String) -> Bool {
        (1...maximumLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    /// A name: not empty, at most 64 characters (after trimming).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumNameLength
    }
}

/// Uuids are stored as their 16 bytes.
enum StoredUUID {
    static func encode(_ id: WireUUID) -> Data { Data(id.bytes) }

    static func decode(_ data: Data) throws -> WireUUID {
        guard data.count == 16 else { throw EnrollmentError("store.corrupt", "a stored id is \(data.count) bytes, not 16") }
        let bytes = [UInt8](data)
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return WireUUID(high: high, low: low)
    }
}
