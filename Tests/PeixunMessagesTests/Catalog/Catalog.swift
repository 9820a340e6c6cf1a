import PeixunCodec
import PeixunMessages

/// Every message type under test, with representative and random values.
enum Catalog {
    /// The message types of protocols/*.peixun (the ones `MessageRegistry` knows).
    static let production: [MessageCase] = envelope + broker + enrollment + scoring + archive + reporting
    /// The test-only evolution types (Tests/PeixunMessagesTests/Evolution).
    static let evolution: [MessageCase] = evolutionV1 + evolutionV2
    static let all: [MessageCase] = production + evolution
}

/// A uuid from its text (test data is always valid).
func uuid(_ text: String) -> WireUUID {
    guard let value = WireUUID(text) else { preconditionFailure("bad uuid in test data: \(text)") }
    return value
}

/// 2024-03-01T08:30:00Z plus `seconds`.
func march2024(plus seconds: Int64 = 0) -> WireTimestamp {
    WireTimestamp(microsecondsSinceEpoch: (1_709_281_800 + seconds) * 1_000_000)
}

/// Fixed ids used across the representative values.
enum IDs {
    static let member = uuid("5f0c6a3e-2b1d-4c8e-9a7f-3e2d1c0b9a81")
    static let member2 = uuid("0e9d8c7b-6a59-4837-a625-14f3e2d1c0b9")
    static let organisation = uuid("9b2e4f60-1a3c-4d5e-8f70-a1b2c3d4e5f6")
    static let town = uuid("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
    static let period = uuid("a0a1a2a3-b4b5-4c6c-9d7d-e8e9eaebeced")
    static let trainingClass = uuid("c1c2c3c4-d5d6-47e7-88f8-090a0b0c0d0e")
    static let lesson = uuid("00112233-4455-4677-8899-aabbccddeeff")
    static let instructor = uuid("fedcba98-7654-4321-8fed-cba987654321")
    static let venue = uuid("13579bdf-2468-4ace-9bdf-02468ace1357")
    static let request = uuid("00112233-4455-6677-8899-aabbccddeeff")
    static let command = uuid("7e57c0de-0000-4000-8000-00000000c0de")
    static let correlation = uuid("c0441e1a-7100-4000-b000-0000000000aa")
}

extension Catalog {
    /// The case of message type `M`.
    static func entry<M: WireMessage>(_: M.Type) -> MessageCase {
        guard let entry = all.first(where: { $0.typeID == M.typeID && $0.name == M.typeName }) else {
            preconditionFailure("\(M.typeName) is not in the catalog")
        }
        return entry
    }
}
