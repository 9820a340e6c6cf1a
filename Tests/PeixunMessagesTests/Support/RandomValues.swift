import PeixunTestSupport
import PeixunCodec

/// Random field values with the edge cases over-represented: empty strings and lists, extreme
/// integers, every kind of UTF-8 sequence, special doubles.
extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    static let words = [
        "中山市小榄镇", "张伟", "2024年村（社区）党组织书记培训班", "中山市委党校", "党校", "李娜", "王芳",
        "主会场", "分会场", "两新", "三年内新入党", "enrollment", "2024-03", "",
    ]
    static let specialScalars: [Unicode.Scalar] = [
        "\u{0}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "\u{FEFF}",
        "\u{301}", "\u{200D}", "\u{3000}", "\u{FF08}",
    ]

    mutating func scalar() -> Unicode.Scalar {
        switch below(6) {
        case 0: Unicode.Scalar(UInt8(0x20 + below(0x5F)))
        case 1, 2: Unicode.Scalar(UInt32(0x4E00 + below(0x9FFF - 0x4E00 + 1)))!  // CJK
        case 3: Unicode.Scalar(UInt32(0x1F300 + below(0x1FAFF - 0x1F300 + 1)))!  // emoji
        case 4: pick(Self.specialScalars)
        default:
            // Anywhere in Unicode except the surrogates D800–DFFF.
            Unicode.Scalar({ let v = UInt32(below(0x11_0000 - 0x800)); return v >= 0xD800 ? v + 0x800 : v }())!
        }
    }

    mutating func string() -> String {
        switch below(8) {
        case 0: return ""
        case 1, 2: return pick(Self.words)
        default:
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + below(24)) { text.append(scalar()) }
            return String(text)
        }
    }

    mutating func unsigned<T: FixedWidthInteger & UnsignedInteger>(_: T.Type = T.self) -> T {
        switch below(8) {
        case 0: return 0
        case 1: return 1
        case 2: return T.max
        case 3: return T.max - 1
        case 4: return T(truncatingIfNeeded: 127 + below(3))  // around the one-byte varint edge
        case 5: return T(truncatingIfNeeded: next() >> (next() % 64))
        default: return T(truncatingIfNeeded: next())
        }
    }

    mutating func signed<T: FixedWidthInteger & SignedInteger>(_: T.Type = T.self) -> T {
        switch below(8) {
        case 0: return 0
        case 1: return -1
        case 2: return T.max
        case 3: return T.min
        case 4: return T(truncatingIfNeeded: -64 - below(2))
        case 5: return T(truncatingIfNeeded: Int64(bitPattern: next()) >> (next() % 64))
        default: return T(truncatingIfNeeded: next())
        }
    }

    /// A double; NaN (which never equals itself) only when `allowNaN`.
    mutating func double(allowNaN: Bool = true) -> Double {
        switch below(10) {
        case 0: return 0
        case 1: return -0.0
        case 2: return pick([Double.infinity, -Double.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude])
        case 3: return allowNaN ? Double(bitPattern: 0x7FF8_0000_0000_0000 | next() & 0x7_FFFF_FFFF_FFFF) : 1.5
        case 4: return Double(below(1000)) / 8
        default:
            let value = Double(bitPattern: next())
            return value.isNaN && !allowNaN ? 0.25 : value
        }
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func uuid() -> WireUUID {
        switch below(8) {
        case 0: .zero
        case 1: WireUUID(high: .max, low: .max)
        default: WireUUID(high: next(), low: next())
        }
    }

    mutating func timestamp() -> WireTimestamp {
        switch below(6) {
        case 0: .epoch
        case 1: WireTimestamp(microsecondsSinceEpoch: pick([Int64.min, Int64.max, -1]))
        default: WireTimestamp(microsecondsSinceEpoch: 1_700_000_000_000_000 + Int64(below(100_000_000_000_000)) - 50_000_000_000_000)
        }
    }

    mutating func bytes() -> [UInt8] {
        (0..<pick([0, 0, 1, 32, below(64)])).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// Up to 20 elements, often none.
    mutating func list<T>(_ element: (inout SplitMix64) -> T) -> [T] {
        let count = oneIn(4) ? 0 : below(21)
        var values: [T] = []
        for _ in 0..<count { values.append(element(&self)) }
        return values
    }

    mutating func optional<T>(_ element: (inout SplitMix64) -> T) -> T? {
        bool() ? element(&self) : nil
    }

    mutating func anyCase<E: CaseIterable>(_: E.Type = E.self) -> E {
        let cases = Array(E.allCases)
        return cases[below(cases.count)]
    }
}
