import Foundation
import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// Training plans (培训计划), filed (备案) with the filing organisation's superior — its parent in
/// the tree — and acknowledged by it. A city plan's superior is outside the tree (the province):
/// the city acknowledges it itself, so that it is on record.
enum Plans {
    static let years: ClosedRange<UInt32> = 2000...2100

    /// The plan level an organisation of `kind` files at.
    static func level(of kind: OrganisationKind) -> PlanLevel {
        switch kind {
        case .city: .city
        case .county: .county
        case .town, .village, .organ, .stateEnterprise, .school, .twoNew: .grassroots
        }
    }

    static func file(_ command: FilePlan, context: CommandContext, in db: Database) throws -> PlanFiled {
        let code = try Identifier.code(command.code, of: "plan")
        let title = try Identifier.name(command.title, of: "plan \(code)")
        let (organisation, superiorID) = try Organisations.find(
            id: Organisations.require(code: command.organisationCode, in: db).id, in: db)
        guard level(of: organisation.kind) == command.level else {
            throw EnrollmentError(
                "plan.wrongLevel",
                "\(organisation.name) (a \(organisation.kind)) files \(level(of: organisation.kind)) plans, not \(command.level) plans")
        }
        guard years.contains(command.year) else {
            throw EnrollmentError("plan.invalidYear", "plan \(code) is for year \(command.year), outside \(years.lowerBound)–\(years.upperBound)")
        }
        if try db.row("SELECT 1 FROM plans WHERE code = ?", [code]) != nil {
            throw EnrollmentError("plan.codeTaken", "plan code \(code) is already filed")
        }
        let superior = try superiorID.map { try Organisations.find(id: $0, in: db).record }
        let event = PlanFiled(
            plan: .random(), code: code, organisation: organisation.id, organisationCode: organisation.code,
            superior: superior?.id, superiorCode: superior?.code, level: command.level, year: command.year, title: title,
            plannedClasses: command.plannedClasses, plannedPeriods: command.plannedPeriods,
            plannedTrainees: command.plannedTrainees)
        try db.run(
            """
            INSERT INTO plans (id, code, organisation_id, superior_id, level, year, title, planned_classes, planned_periods,
                               planned_trainees)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                StoredUUID.encode(event.plan), code, StoredUUID.encode(organisation.id), superior.map { StoredUUID.encode($0.id) },
                command.level.rawValue, command.year, title, command.plannedClasses, command.plannedPeriods,
                command.plannedTrainees,
            ])
        try context.publish(event, in: db)
        return event
    }

    static func acknowledge(_ command: AcknowledgePlan, context: CommandContext, in db: Database) throws -> PlanAcknowledged {
        guard let plan = try db.row(
            "SELECT id, code, title, organisation_id, superior_id, acknowledged_by FROM plans WHERE code = ?", [command.planCode])
        else { throw EnrollmentError("plan.unknown", "plan \(command.planCode) has not been filed") }
        let by = try Organisations.require(code: command.byOrganisationCode, in: db)
        let superior = try StoredUUID.decode((plan["superior_id"] as Data?) ?? plan["organisation_id"])
        guard by.id == superior else {
            let expected = try Organisations.find(id: superior, in: db).record
            throw EnrollmentError(
                "plan.notSuperior", "plan \(command.planCode) is acknowledged by \(expected.name) (\(expected.code)), not by \(by.name)")
        }
        if plan["acknowledged_by"] as Data? != nil {
            throw EnrollmentError("plan.alreadyAcknowledged", "plan \(command.planCode) is already acknowledged")
        }
        try db.run(
            "UPDATE plans SET acknowledged_by = ?, acknowledged_at = ? WHERE code = ?",
            [StoredUUID.encode(by.id), context.time.microsecondsSinceEpoch, command.planCode])
        let event = PlanAcknowledged(
            plan: try StoredUUID.decode(plan["id"]), code: plan["code"], acknowledgedBy: by.id, acknowledgedByCode: by.code)
        try context.publish(event, in: db)
        return event
    }
}
