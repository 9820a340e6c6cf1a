import Foundation
import PeixunRuntime
import PeixunTestSupport
import PeixunTransport
import Testing
import ZeroMQ

/// Issue 9, chaos: the demo runs under `peixun up` while each process type in turn is SIGKILLed
/// at a seeded random moment (and restarted by `up`), and reporting is SIGSTOPped for 5 s; then
/// every store must equal that of a fault-free run of the same scale and seed.
///
/// The short form (town scale, a debug build) runs with the other tests. The long form is
/// `bash scripts/chaos.sh --scale county` (a release `peixun` through `PEIXUN_BIN`); the scale
/// and seed come from `PEIXUN_CHAOS_SCALE` and `PEIXUN_CHAOS_SEED`. What "equal" means is
/// `ChaosRun.StoreSummary` (docs/reliability.md says why).
@Suite("Chaos", .serialized, .timeLimit(.minutes(30)))
struct ChaosTests {
    @Test("a demo with the broker, every service and the dashboard SIGKILLed in turn and reporting paused for 5 s ends with the stores of a fault-free run: nothing lost, nothing counted twice")
    func chaos() async throws {
        let environment = ProcessInfo.processInfo.environment
        let scale = environment["PEIXUN_CHAOS_SCALE"] ?? "town"
        let seed = environment["PEIXUN_CHAOS_SEED"].flatMap { Int($0) } ?? 11
        let calm = try await ChaosRun.run(scale: scale, seed: seed, faults: [])
        let faults = ChaosRun.Fault.schedule(seed: UInt64(seed), events: calm.summary.drivenEvents)
        let rough = try await ChaosRun.run(scale: scale, seed: seed, faults: faults)
        print(ChaosRun.table(scale: scale, seed: seed, calm: calm, rough: rough))

        #expect(rough.outcomes.count == faults.count)
        for outcome in rough.outcomes {
            #expect(outcome.recoveredAfter != nil, "\(outcome.fault.target) did not recover: \(outcome.outcome)")
        }
        #expect(calm.figures.count == 18 && calm.match, "the fault-free demo matches reporting")
        #expect(rough.figures.count == 18 && rough.match, "the demo under faults matches reporting")
        #expect(rough.figures == calm.figures, "the 18 reporting figures equal the fault-free run's")
        #expect(rough.driven == calm.driven, "the demo drove the same work")
        #expect(calm.summary.gapFree && rough.summary.gapFree, "every outbox stream is numbered 1…head without gaps")
        #expect(calm.archiveIntact && rough.archiveIntact, "every archive chain verifies")
        for (table, rows) in calm.summary.rows.sorted(by: { $0.key < $1.key }) {
            #expect(rough.summary.rows[table] == rows, "\(table): \(rows) rows without faults, \(rough.summary.rows[table] ?? 0) with")
        }
        #expect(rough.summary.rows.keys.sorted() == calm.summary.rows.keys.sorted())
        #expect(rough.summary.heads == calm.summary.heads, "every stream's head equals the fault-free run's: each event once")
        #expect(rough.summary.chains == calm.summary.chains, "each member's archive chain has the same length per lane")
        let missing = Set(calm.summary.archiveEntries).subtracting(rough.summary.archiveEntries)
        let extra = Set(rough.summary.archiveEntries).subtracting(calm.summary.archiveEntries)
        #expect(
            rough.summary.archiveEntries == calm.summary.archiveEntries,
            "archive entries by content: \(missing.count) missing, \(extra.count) extra, e.g. \(missing.first ?? "") / \(extra.first ?? "")")
    }
}
