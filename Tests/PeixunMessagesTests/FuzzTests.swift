import PeixunTestSupport
import PeixunCodec
import PeixunMessages
import Testing

/// Arbitrary and damaged frames: every decoder returns a value or a `WireError`, never traps,
/// and whatever it accepts is a value that encodes and decodes consistently.
@Suite("malformed input")
struct FuzzTests {
    static let productionByID = Dictionary(uniqueKeysWithValues: Catalog.production.map { ($0.typeID, $0) })

    /// What the decoders made of a batch of inputs (to show the inputs reach deep enough).
    struct Tally {
        var accepted = 0
        var codes: Set<WireError.Code> = []
    }

    /// Checks one input against the registry and against every decoder that could accept it.
    static func check(_ input: [UInt8], _ context: String, _ tally: inout Tally) {
        let registry = registryDecode(input)
        if case .failure(let error) = registry { tally.codes.insert(error.code) }
        let typeID: UInt16? = input.count >= 2 ? UInt16(input[0]) | UInt16(input[1]) << 8 : nil
        for entry in Catalog.all {
            let owned = entry.decodeOwned(input)
            let viewed = entry.decodeView(input)
            if typeID != entry.typeID {
                // A decoder for another type rejects the frame at the header.
                if case .success = owned { Issue.record("\(context): \(entry.name) accepted type \(String(describing: typeID))") }
                continue
            }
            // `decodeView` is the view decode followed by `owned`. A view checks strings only when
            // they are read, so the two agree on every error except an ill-formed string that the
            // owned decode meets before a structural error later in the frame.
            switch (owned, viewed) {
            case (.success(let a), .success(let b)):
                tally.accepted += 1
                #expect(sameMessage(a, b) || a.bytes() == b.bytes(), "\(context): owned and view decodes differ")
                checkReencoding(a, entry, context)
            case (.failure(let a), .failure(let b)):
                tally.codes.insert(a.code)
                let stringFirst = a.code == .invalidUTF8 && b.code != .invalidUTF8 && b.offset > a.offset
                #expect(a == b || stringFirst, "\(context): owned error \(a), view error \(b)")
            default:
                Issue.record("\(context): \(entry.name) owned \(owned) but view \(viewed)")
            }
            if productionByID[entry.typeID] != nil {
                switch (registry, owned) {
                case (.success(let a), .success(let b)):
                    #expect(sameMessage(a, b) || a.bytes() == b.bytes(), "\(context): registry and typed decodes differ")
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "\(context): registry error \(a), typed error \(b)")
                default:
                    Issue.record("\(context): registry \(registry) but typed \(owned)")
                }
            }
        }
        if let typeID, productionByID[typeID] == nil {
            expectFailure(registry, .unknownMessageType, context)
        }
    }

    /// A decoded value encodes to bytes that decode to the same value (and the same bytes).
    static func checkReencoding(_ value: any WireMessage, _ entry: MessageCase, _ context: String) {
        let bytes: [UInt8]
        do {
            bytes = try value.encoded()
        } catch {
            Issue.record("\(context): a decoded \(entry.name) cannot be encoded: \(error)")
            return
        }
        switch entry.decodeOwned(bytes) {
        case .success(let again):
            if equalsItself(value) { #expect(sameMessage(again, value), "\(context): re-decoded value differs") }
            #expect(again.bytes() == bytes, "\(context): encoding is not stable")
        case .failure(let error):
            Issue.record("\(context): re-encoded \(entry.name) does not decode: \(error)")
        }
    }

    @Test("10,000 random byte strings of 0–300 bytes are rejected or accepted cleanly")
    func randomBytes() {
        var tally = Tally()
        let ids = Catalog.all.map(\.typeID)
        for index in 0..<10_000 {
            let seed = Seeds.seed(0xB17E5, index)
            var g = SplitMix64(seed: seed)
            var input = (0..<g.below(301)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            // Half of the inputs get a real type id and a body length that fits, so that they
            // reach the field decoders instead of stopping at the header.
            if index % 2 == 0, input.count >= 3 {
                let id = g.pick(ids)
                input[0] = UInt8(id & 0xFF)
                input[1] = UInt8(id >> 8)
                if input.count - 3 < 0x80 { input[2] = UInt8(input.count - 3) }
            }
            Self.check(input, "\(Seeds.text(seed)) input \(hexText(input))", &tally)
        }
        #expect(tally.codes.isSuperset(of: [.truncated, .trailingBytes, .unknownMessageType, .listTooLong, .invalidUTF8]),
                "codes seen: \(tally.codes)")
    }

    @Test("10,000 mutations of valid encodings (flip, set, insert, delete bytes) are rejected or accepted cleanly")
    func mutations() {
        var tally = Tally()
        for index in 0..<10_000 {
            let seed = Seeds.seed(0x3A7E, index)
            var g = SplitMix64(seed: seed)
            let entry = Catalog.all[g.below(Catalog.all.count)]
            var input = entry.random(&g).bytes()
            for _ in 0..<(1 + g.below(3)) {
                let position = input.isEmpty ? 0 : g.below(input.count)
                switch g.below(4) {
                case 0 where !input.isEmpty: input[position] ^= UInt8(1) << UInt8(g.below(8))
                case 1 where !input.isEmpty: input[position] = UInt8(truncatingIfNeeded: g.next())
                case 2: input.insert(UInt8(truncatingIfNeeded: g.next()), at: g.below(input.count + 1))
                default: if !input.isEmpty { input.remove(at: position) }
                }
            }
            Self.check(input, "\(entry.name) \(Seeds.text(seed)) input \(hexText(input))", &tally)
        }
        // Many damaged frames still decode (a flipped bit inside a uuid is still a uuid), and
        // the rejected ones hit the whole range of checks.
        #expect(tally.accepted > 1_000, "accepted: \(tally.accepted)")
        #expect(tally.codes.isSuperset(of: [
            .truncated, .trailingBytes, .invalidUTF8, .unknownMessageType, .unknownEnumValue, .invalidOptionalTag,
            .invalidBool, .nonMinimalVarint, .listTooLong, .integerOverflow,
        ]), "codes seen: \(tally.codes)")
    }
}
