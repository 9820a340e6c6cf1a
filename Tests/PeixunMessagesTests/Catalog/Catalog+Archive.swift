import PeixunCodec
import PeixunMessages
import PeixunTestSupport


/// Archive events, its command and its queries with their answers.
extension Catalog {
    static let archiveContent = ArchiveEntryContent(
        member: IDs.member, lane: .enrollment, entry: 2, kind: .attendance, at: march2024(plus: 5_400), sourceSequence: 1_024,
        trainingClass: IDs.trainingClass, period: IDs.period, lesson: IDs.lesson, course: .zero, creditHours: 0, score: nil,
        passed: nil)
    static let examContent = ArchiveEntryContent(
        member: IDs.member, lane: .scoring, entry: 3, kind: .exam, at: march2024(plus: 86_400 * 30), sourceSequence: 77,
        trainingClass: IDs.trainingClass, period: IDs.period, creditHours: 0, score: 92.5, passed: true)

    static func randomArchiveContent(_ g: inout SplitMix64) -> ArchiveEntryContent {
        ArchiveEntryContent(
            member: g.uuid(), lane: g.anyCase(), entry: g.unsigned(), kind: g.anyCase(), at: g.timestamp(), sourceSequence: g.unsigned(),
            trainingClass: g.uuid(), period: g.uuid(), lesson: g.uuid(), course: g.uuid(), creditHours: g.double(),
            score: g.optional { $0.double() }, passed: g.optional { $0.bool() })
    }

    static let archive: [MessageCase] = [
        .make(ArchiveEntryFiled.self, family: ArchiveFamily.name, [
            ArchiveEntryFiled(
                member: IDs.member, committee: IDs.town, entry: 2, kind: .attendance, creditHours: 0,
                previousHash: (0..<32).map { UInt8($0) }, hash: (0..<32).map { UInt8(255 - $0) }, at: march2024(plus: 5_400),
                lane: .enrollment, content: archiveContent),
            ArchiveEntryFiled(
                member: IDs.member, committee: IDs.town, entry: 3, kind: .exam, previousHash: [UInt8](repeating: 7, count: 32),
                hash: [UInt8](repeating: 9, count: 32), at: march2024(plus: 86_400 * 30), lane: .scoring, content: examContent),
        ]) { g in
            ArchiveEntryFiled(
                member: g.uuid(), committee: g.uuid(), entry: g.unsigned(), kind: g.anyCase(), creditHours: g.double(),
                previousHash: g.bytes(), hash: g.bytes(), at: g.timestamp(), lane: g.anyCase(), content: randomArchiveContent(&g))
        },
        .make(MonthlyRootSealed.self, family: ArchiveFamily.name, [
            MonthlyRootSealed(
                committee: IDs.town, month: "2024-03", root: [UInt8](repeating: 0xA5, count: 32), members: 1_250, committeeCode: "442000-XL"),
        ]) { g in
            MonthlyRootSealed(committee: g.uuid(), month: g.string(), root: g.bytes(), members: g.unsigned(), committeeCode: g.string())
        },
        .make(SealMonth.self, family: ArchiveFamily.name, [SealMonth(committeeCode: "442000-XL", month: "2024-03")]) { g in
            SealMonth(committeeCode: g.string(), month: g.string())
        },
        .make(ShowTranscript.self, family: ArchiveFamily.name, [ShowTranscript(memberNumber: "GD-0001")]) { g in
            ShowTranscript(memberNumber: g.string())
        },
        .make(Transcript.self, family: ArchiveFamily.name, [
            Transcript(
                member: IDs.member, memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01", committeeCode: "442000-XL",
                committeeName: "小榄镇党委", head: [UInt8](repeating: 0x3C, count: 32),
                entries: [
                    TranscriptEntry(
                        lane: .enrollment, entry: 2, kind: .attendance, at: march2024(plus: 5_400), classCode: "BJ-2024-XL-01",
                        className: EnrollmentSamples.className, periodNumber: 1, courseName: "学习贯彻习近平新时代中国特色社会主义思想",
                        creditHours: 0, score: nil, passed: nil, hash: (0..<32).map { UInt8(255 - $0) }, content: archiveContent),
                    TranscriptEntry(
                        lane: .scoring, entry: 3, kind: .exam, at: march2024(plus: 86_400 * 30), classCode: "BJ-2024-XL-01",
                        className: EnrollmentSamples.className, periodNumber: 1, courseName: "", creditHours: 0, score: 92.5,
                        passed: true, hash: [UInt8](repeating: 9, count: 32), content: examContent),
                ]),
            Transcript(member: IDs.member3, memberNumber: "GD-0107", name: "欧阳娜娜", entries: []),
        ]) { g in
            Transcript(
                member: g.uuid(), memberNumber: g.string(), name: g.string(), branchCode: g.string(), committeeCode: g.string(),
                committeeName: g.string(), head: g.bytes(),
                entries: g.list {
                    TranscriptEntry(
                        lane: $0.anyCase(), entry: $0.unsigned(), kind: $0.anyCase(), at: $0.timestamp(), classCode: $0.string(),
                        className: $0.string(), periodNumber: $0.unsigned(), courseName: $0.string(), creditHours: $0.double(),
                        score: $0.optional { $0.double() }, passed: $0.optional { $0.bool() }, hash: $0.bytes(), content: randomArchiveContent(&$0))
                })
        },
        .make(ShowCabinet.self, family: ArchiveFamily.name, [ShowCabinet(committeeCode: "442000-XL")]) { g in
            ShowCabinet(committeeCode: g.string())
        },
        .make(CabinetView.self, family: ArchiveFamily.name, [
            CabinetView(
                committee: IDs.town, code: "442000-XL", name: "小榄镇党委",
                members: [
                    CabinetMember(
                        memberNumber: "GD-0001", name: "张伟", branchCode: "442000-XL-01", branchName: "小榄镇永宁社区党委", entries: 12,
                        registrationForms: 3, completions: 2, creditHours: 22.5, head: [UInt8](repeating: 0x3C, count: 32)),
                    CabinetMember(memberNumber: "GD-0107", name: "欧阳娜娜", branchCode: "442000-XL-01", branchName: "小榄镇永宁社区党委"),
                ],
                roots: [MonthRoot(month: "2024-03", root: [UInt8](repeating: 0xA5, count: 32), members: 1)],
                currentRoot: [UInt8](repeating: 0x5A, count: 32)),
            CabinetView(committee: IDs.town, code: "442000-GZ", name: "古镇镇党委", members: [], roots: [], currentRoot: []),
        ]) { g in
            CabinetView(
                committee: g.uuid(), code: g.string(), name: g.string(),
                members: g.list {
                    CabinetMember(
                        memberNumber: $0.string(), name: $0.string(), branchCode: $0.string(), branchName: $0.string(), entries: $0.unsigned(),
                        registrationForms: $0.unsigned(), completions: $0.unsigned(), creditHours: $0.double(), head: $0.bytes())
                },
                roots: g.list { MonthRoot(month: $0.string(), root: $0.bytes(), members: $0.unsigned()) }, currentRoot: g.bytes())
        },
        .make(ShowLedger.self, family: ArchiveFamily.name, [
            ShowLedger(memberNumber: "GD-0001", committeeCode: nil, year: 2024),
            ShowLedger(memberNumber: nil, committeeCode: "442000-XL", year: 2024),
        ]) { g in
            ShowLedger(memberNumber: g.optional { $0.string() }, committeeCode: g.optional { $0.string() }, year: g.unsigned())
        },
        .make(LedgerView.self, family: ArchiveFamily.name, [
            LedgerView(year: 2024, lines: [
                LedgerLine(memberNumber: "GD-0001", name: "张伟", quota: 56, hours: 22.5, owed: 33.5),
                LedgerLine(memberNumber: "GD-0107", name: "欧阳, 娜娜", quota: 32, hours: 40, owed: 0),
            ]),
        ]) { g in
            LedgerView(
                year: g.unsigned(),
                lines: g.list { LedgerLine(memberNumber: $0.string(), name: $0.string(), quota: $0.double(), hours: $0.double(), owed: $0.double()) })
        },
    ]
}
