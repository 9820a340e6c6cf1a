import PeixunCodec
import PeixunMessages
import Testing

/// The tests below iterate over `Catalog`; these make sure it has every message type.
@Suite("catalog coverage")
struct CatalogCoverageTests {
    @Test("every message type in MessageRegistry has a test case, and no case is unknown to it")
    func coversRegistry() {
        let registry = Set(MessageRegistry.byTypeID.keys)
        let tested = Set(Catalog.production.map(\.typeID))
        #expect(registry.subtracting(tested).isEmpty, "types without tests: \(registry.subtracting(tested).sorted())")
        #expect(tested.subtracting(registry).isEmpty)
        #expect(Catalog.production.count == registry.count)
    }

    @Test("each case's family is the one the registry lists its type under")
    func familiesMatch() {
        for family in MessageRegistry.families {
            for type in family.messages {
                let entry = Catalog.production.first { $0.typeID == type.typeID }
                #expect(entry?.family == family.name, "\(type.typeName)")
                #expect(entry?.name == type.typeName)
            }
        }
    }

    @Test("every representative is of its case's type")
    func representativesTyped() {
        for entry in Catalog.all {
            #expect(!entry.representatives.isEmpty, "\(entry.name)")
            for value in entry.representatives {
                #expect(type(of: value).typeID == entry.typeID, "\(entry.name)")
            }
        }
    }
}
