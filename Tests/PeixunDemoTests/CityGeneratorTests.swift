import PeixunDemo
import PeixunMessages
import Testing

/// The demo's city is a pure function of scale, seed and year, shaped like Zhongshan's figures.
@Suite("The demo's city model")
struct CityGeneratorTests {
    static let town = CityGenerator.generate(scale: .town, seed: 7, year: 2026)
    static let county = CityGenerator.generate(scale: .county, seed: 7, year: 2026)

    @Test("the same seed and year generate the same city, members, classes and activity")
    func deterministic() {
        #expect(CityGenerator.generate(scale: .town, seed: 7, year: 2026) == Self.town)
        #expect(CityGenerator.generate(scale: .county, seed: 7, year: 2026) == Self.county)
    }

    @Test("different seeds or scales generate cities whose codes never collide on one store")
    func seedsApart() {
        let other = CityGenerator.generate(scale: .town, seed: 8, year: 2026)
        #expect(other.members.map(\.name) != Self.town.members.map(\.name))
        let codes = { (model: CityModel) in
            Set(model.organisations.map(\.code) + model.members.map(\.number) + model.classes.map(\.code) + model.courses.map(\.code)
                + model.instructors.map(\.code) + model.plans.map(\.code))
        }
        #expect(codes(other).isDisjoint(with: codes(Self.town)))
        #expect(codes(Self.county).isDisjoint(with: codes(Self.town)))
    }

    @Test("town scale: one town (小榄镇) directly under the city with 13 villages, about 2,000 members and 1,500 enrollments")
    func townShape() {
        let model = Self.town
        #expect(model.organisations.filter { $0.kind == .city }.map(\.name) == ["中山市"])
        let towns = model.organisations.filter { $0.kind == .town }
        #expect(towns.map(\.name) == ["小榄镇"])
        #expect(towns[0].parentCode == model.rootCode)
        #expect(model.organisations.filter { $0.kind == .village }.count == 13)
        let totals = DemoTotals(model)
        #expect((1_500...2_500).contains(totals.members))
        #expect((1_100...2_000).contains(totals.enrollments))
        #expect((15...45).contains(totals.classes))
        #expect(totals.plansByLevel == [.grassroots: 1])
    }

    @Test("county scale: one district with four towns, 51 villages and organ branches; county and grassroots plans")
    func countyShape() {
        let model = Self.county
        let district = model.organisations.filter { $0.kind == .county }
        #expect(district.map(\.name) == ["火炬开发区"])
        #expect(model.organisations.filter { $0.kind == .town }.allSatisfy { $0.parentCode == district[0].code })
        #expect(model.organisations.filter { $0.kind == .town }.count == 4)
        #expect(model.organisations.filter { $0.kind == .village }.count == 51)
        #expect(model.organisations.filter { $0.kind == .organ }.count == 8)
        #expect(DemoTotals(model).plansByLevel == [.county: 1, .grassroots: 4])
    }

    @Test("city scale is Zhongshan 2024: 23 towns, 291 villages, about 1,200 classes and 119,000 member-trainings")
    func cityShape() {
        let model = CityGenerator.generate(scale: .city, seed: 1, year: 2026)
        #expect(model.organisations.filter { $0.kind == .town }.count == 23)
        #expect(model.organisations.filter { $0.kind == .village }.count == 291)
        // Zhongshan's towns sit directly under the city; two streets belong to the torch zone.
        #expect(model.organisations.filter { $0.kind == .town && $0.parentCode == model.rootCode }.count == 21)
        let totals = DemoTotals(model)
        #expect((1_000...1_500).contains(totals.classes))
        #expect((100_000...140_000).contains(totals.completions))
        #expect((200_000...500_000).contains(totals.scores))
        #expect(totals.plansByLevel[.city] == 1 && totals.plansByLevel[.county] == 2 && totals.plansByLevel[.grassroots] == 23)
        #expect(totals.exams > 0 && totals.checkIns > 3 * totals.enrollments)
    }
}
