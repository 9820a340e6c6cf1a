import PeixunCodec
import PeixunMessages


extension Catalog {
    static let archive: [MessageCase] = [
        .make(ArchiveEntryFiled.self, family: ArchiveFamily.name, [
            ArchiveEntryFiled(
                member: IDs.member, committee: IDs.town, entry: 2, kind: .attendance, creditHours: 1.5,
                previousHash: (0..<32).map { UInt8($0) }, hash: (0..<32).map { UInt8(255 - $0) }, at: march2024(plus: 5_400)),
            ArchiveEntryFiled(member: IDs.member, committee: IDs.town, entry: 1, kind: .enrollment, previousHash: []),
        ]) { g in
            ArchiveEntryFiled(
                member: g.uuid(), committee: g.uuid(), entry: g.unsigned(), kind: g.anyCase(), creditHours: g.double(),
                previousHash: g.bytes(), hash: g.bytes(), at: g.timestamp())
        },
        .make(MonthlyRootSealed.self, family: ArchiveFamily.name, [
            MonthlyRootSealed(committee: IDs.town, month: "2024-03", root: [UInt8](repeating: 0xA5, count: 32), members: 1_250),
        ]) { g in
            MonthlyRootSealed(committee: g.uuid(), month: g.string(), root: g.bytes(), members: g.unsigned())
        },
    ]
}
