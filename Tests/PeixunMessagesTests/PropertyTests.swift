import PeixunTestSupport
import PeixunCodec
import PeixunMessages
import Testing

/// Random values of every message type survive encode → decode (seeded; replay a failure with
/// `PEIXUN_SEED=<base seed> swift test --filter PropertyTests`).
@Suite("random round trips")
struct PropertyTests {
    static let valuesPerType = 2_000

    @Test("2,000 random values of each type decode back equal, owned and through the view", arguments: Catalog.all)
    func randomRoundTrips(entry: MessageCase) throws {
        var failures = 0
        for index in 0..<Self.valuesPerType where failures < 5 {
            let seed = Seeds.seed(UInt64(entry.typeID), index)
            var generator = SplitMix64(seed: seed)
            let value = entry.random(&generator)
            let context = "\(entry.name) \(Seeds.text(seed)) (base 0x\(String(Seeds.base, radix: 16)), value \(index))"
            if let problem = Self.roundTripProblem(value, entry) {
                failures += 1
                Issue.record("\(context): \(problem)")
            }
        }
        if failures == 5 { Issue.record("\(entry.name): stopped after 5 failing values") }
    }

    /// Why `value` does not survive encode → decode, or nil when it does.
    static func roundTripProblem(_ value: any WireMessage, _ entry: MessageCase) -> String? {
        let bytes: [UInt8]
        do {
            bytes = try value.encoded()
        } catch {
            return "encoding failed: \(error)"
        }
        switch (entry.decodeOwned(bytes), entry.decodeView(bytes)) {
        case (.success(let owned), .success(let viewed)):
            // NaN is not equal to itself: such values are compared by their bytes only.
            if equalsItself(value) {
                if !sameMessage(owned, value) { return "owned decode gives \(owned), not \(value)" }
                if !sameMessage(viewed, value) { return "view decode gives \(viewed), not \(value)" }
            }
            if owned.bytes() != bytes { return "owned decode re-encodes differently: \(hexText(bytes))" }
            if viewed.bytes() != bytes { return "view decode re-encodes differently: \(hexText(bytes))" }
            return nil
        case (.failure(let error), _), (_, .failure(let error)):
            return "\(error) decoding \(hexText(bytes))"
        }
    }

    @Test("every strict prefix of a valid encoding fails to decode", arguments: Catalog.all)
    func strictPrefixes(entry: MessageCase) throws {
        var values = entry.representatives
        for index in 0..<50 {
            var generator = SplitMix64(seed: Seeds.seed(UInt64(entry.typeID) << 8, index))
            values.append(entry.random(&generator))
        }
        let isProduction = Catalog.production.contains { $0.typeID == entry.typeID }
        for (index, value) in values.enumerated() {
            let bytes = value.bytes()
            for length in 0..<bytes.count {
                let prefix = Array(bytes[..<length])
                let context = "\(entry.name) value \(index), prefix of \(length) of \(bytes.count) bytes"
                expectFailure(entry.decodeOwned(prefix), .truncated, context)
                expectFailure(entry.decodeView(prefix), .truncated, context)
                if isProduction {
                    expectFailure(registryDecode(prefix), .truncated, context)
                }
            }
        }
    }
}
