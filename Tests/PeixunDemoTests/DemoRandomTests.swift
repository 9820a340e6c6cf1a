import PeixunCodec
import PeixunDemo
import Testing

@Suite("Seeded randomness and command ids")
struct DemoRandomTests {
    @Test("xoshiro256** gives the same sequence for a seed and stream on every machine")
    func reproducible() {
        var a = DemoRandom(seed: 42, stream: 1), b = DemoRandom(seed: 42, stream: 1), c = DemoRandom(seed: 42, stream: 2)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test("below(n) stays in 0..<n and reaches every value")
    func bounded() {
        var random = DemoRandom(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test("command ids depend on the run (scale and seed), phase, index and attempt, and on nothing else")
    func commandIDs() {
        let id = CommandIDs.make(prefix: "T7", phase: 9, index: 123)
        #expect(id == CommandIDs.make(prefix: "T7", phase: 9, index: 123))
        #expect(id != CommandIDs.make(prefix: "T8", phase: 9, index: 123))
        #expect(id != CommandIDs.make(prefix: "X7", phase: 9, index: 123))
        #expect(id != CommandIDs.make(prefix: "T7", phase: 10, index: 123))
        #expect(id != CommandIDs.make(prefix: "T7", phase: 9, index: 124))
        #expect(id != CommandIDs.make(prefix: "T7", phase: 9, index: 123, attempt: 1))
        let all = Set((0..<10_000).map { CommandIDs.make(prefix: "S1", phase: 10, index: $0) })
        #expect(all.count == 10_000)
    }
}
