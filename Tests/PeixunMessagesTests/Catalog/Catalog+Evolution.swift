import PeixunCodec


/// The same roster entry as written by version 1 and version 2 of the evolution schema.
enum EvolutionSamples {
    static let lessonA = uuid("11111111-2222-4333-8444-555555555555")
    static let lessonB = uuid("66666666-7777-4888-9999-aaaaaaaaaaaa")

    static let v1 = RosterEntryV1(
        member: IDs.member, name: "张伟", hours: 12,
        sessions: [SessionA(lesson: lessonA, minutes: 90), SessionA(lesson: lessonB, minutes: 45)],
        primary: SessionA(lesson: lessonA, minutes: 90))

    static let v2 = RosterEntryV2(
        member: IDs.member, name: "张伟",
        sessions: [SessionB(lesson: lessonA, minutes: 90, room: "第一教室"), SessionB(lesson: lessonB, minutes: 45, room: "")],
        primary: SessionB(lesson: lessonA, minutes: 90, room: "中山市委党校主会场"),
        note: "补训一次", attendance: .excused, tags: ["党史", "2024年村（社区）党组织书记培训班"])
}

extension Catalog {
    static let evolutionV1: [MessageCase] = [
        .make(RosterEntryV1.self, family: Evolution_aFamily.name, [EvolutionSamples.v1]) { g in
            RosterEntryV1(
                member: g.uuid(), name: g.string(), hours: g.unsigned(),
                sessions: g.list { SessionA(lesson: $0.uuid(), minutes: $0.unsigned()) },
                primary: SessionA(lesson: g.uuid(), minutes: g.unsigned()))
        },
        .make(MarkV1.self, family: Evolution_aFamily.name, [MarkV1(member: IDs.member)]) { g in
            MarkV1(member: g.uuid())
        },
        .make(RatingV1.self, family: Evolution_aFamily.name, [RatingV1(member: IDs.member, attendance: .absent, note: "请假")]) { g in
            RatingV1(member: g.uuid(), attendance: g.anyCase(), note: g.string())
        },
    ]

    static let evolutionV2: [MessageCase] = [
        .make(RosterEntryV2.self, family: Evolution_bFamily.name, [EvolutionSamples.v2]) { g in
            RosterEntryV2(
                member: g.uuid(), name: g.string(),
                sessions: g.list { SessionB(lesson: $0.uuid(), minutes: $0.unsigned(), room: $0.string()) },
                primary: SessionB(lesson: g.uuid(), minutes: g.unsigned(), room: g.string()),
                note: g.string(), attendance: g.optional { $0.anyCase() }, tags: g.list { $0.string() })
        },
        .make(MarkV2.self, family: Evolution_bFamily.name, [MarkV2(member: IDs.member, attendance: .present)]) { g in
            MarkV2(member: g.uuid(), attendance: g.anyCase())
        },
        .make(RatingV2.self, family: Evolution_bFamily.name, [RatingV2(member: IDs.member, note: "请假")]) { g in
            RatingV2(member: g.uuid(), note: g.string())
        },
    ]
}
