import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import PeixunStore
import Testing

/// The organisation tree's rules, as the enrollment service enforces them.
@Suite("Organisation tree")
struct OrganisationTreeTests {
    @Test("the tree city → county → town → village is built, each organisation announced by an event")
    func buildsTheTree() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        #expect(try fixture.count("organisations") == 5)
        #expect(try fixture.head == 5)
        let events = try fixture.store.read { db in try Outbox.events(stream: EnrollmentStore.stream, after: 0, limit: 10, in: db) }
        let village = try OrganisationRegistered(decoding: events[3].payload)
        #expect(village.name == "永宁社区党委")
        #expect(village.kind == .village)
        #expect(village.parent == (try OrganisationRegistered(decoding: events[2].payload)).organisation)
    }

    @Test("an organisation code is used once")
    func codeTaken() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let refusal = try fixture.rejection(CreateOrganisation(code: "442000-XL", name: "另一个镇", kind: .town, parentCode: "442000-01"))
        #expect(refusal.code == "organisation.codeTaken")
        #expect(try fixture.head == 5, "a refused command appends no event")
    }

    @Test("a village cannot sit under a county or the city, a county not under a town, a town not under a village", arguments: [
        (OrganisationKind.village, "442000-01"), (.village, "442000"), (.county, "442000-XL"), (.town, "442000-XL-01"),
    ])
    func wrongParent(kind: OrganisationKind, parent: String) throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let refusal = try fixture.rejection(CreateOrganisation(code: "NEW-1", name: "新组织", kind: kind, parentCode: parent))
        #expect(refusal.code == "organisation.wrongParent")
    }

    @Test("only the city is a root; anything else needs an existing parent")
    func roots() throws {
        let fixture = try EnrollmentFixture()
        #expect(try fixture.rejection(CreateOrganisation(code: "T-1", name: "镇", kind: .town)).code == "organisation.parentRequired")
        #expect(try fixture.rejection(CreateOrganisation(code: "T-1", name: "镇", kind: .town, parentCode: "NOPE")).code
            == "organisation.unknownParent")
        #expect(try fixture.rejection(CreateOrganisation(code: "bad code!", name: "市", kind: .city)).code == "organisation.invalidCode")
        #expect(try fixture.rejection(CreateOrganisation(code: "C-1", name: "  ", kind: .city)).code == "organisation.invalidName")
        #expect(try fixture.count("organisations") == 0)
    }

    @Test("a town may sit directly under the city: 中山 and 东莞 have no counties")
    func townUnderCity() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        _ = try fixture.accept(CreateOrganisation(code: "442000-GZ", name: "古镇镇", kind: .town, parentCode: "442000"), as: OrganisationCreated.self)
        _ = try fixture.accept(CreateOrganisation(code: "442000-GZ-01", name: "海洲村党委", kind: .village, parentCode: "442000-GZ"), as: OrganisationCreated.self)
    }
}
