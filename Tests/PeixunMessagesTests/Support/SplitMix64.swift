import Foundation
import PeixunTestSupport

enum Seeds {
    /// The base seed of the random tests: `PEIXUN_SEED` (decimal or 0x-hex) when set, so that a
    /// failure printed with its seed can be replayed, or a fresh region explored.
    static let base: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["PEIXUN_SEED"] {
            let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            if let value { return value }
        }
        return 0x5045_4958_554E_2024  // "PEIXUN" 2024
    }()

    /// The seed of iteration `index` of a test identified by `salt`: each value has its own
    /// generator, so one failing value is replayed without the ones before it.
    static func seed(_ salt: UInt64, _ index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: base ^ (salt &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(index))
        return mixer.next()
    }

    static func text(_ seed: UInt64) -> String { "seed 0x" + String(seed, radix: 16) }
}
