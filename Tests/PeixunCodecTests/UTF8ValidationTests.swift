import PeixunTestSupport
import PeixunCodec
import Testing

/// Strings must be well-formed UTF-8 (RFC 3629); the error names the string's offset. Owned
/// strings are checked when read; view strings (`WireString`) when their `string` is asked for.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    static let valid: [(String, [UInt8])] = [
        ("empty", []),
        ("ASCII", Array("Peixun enrollment 2024".utf8)),
        ("Chinese", Array("中山市委党校".utf8)),
        ("4-byte emoji", Array("👩‍🏫📚".utf8)),
        ("U+0080, the first 2-byte scalar", [0xC2, 0x80]),
        ("U+07FF", [0xDF, 0xBF]),
        ("U+0800, the first 3-byte scalar", [0xE0, 0xA0, 0x80]),
        ("U+D7FF, just below the surrogates", [0xED, 0x9F, 0xBF]),
        ("U+E000, just above the surrogates", [0xEE, 0x80, 0x80]),
        ("U+FFFF", [0xEF, 0xBF, 0xBF]),
        ("U+10000, the first 4-byte scalar", [0xF0, 0x90, 0x80, 0x80]),
        ("U+10FFFF, the last scalar", [0xF4, 0x8F, 0xBF, 0xBF]),
        ("NUL", [0x00]),
        ("long ASCII then Chinese", Array("abcdefghijklmnop党校".utf8)),
    ]

    static let invalid: [(String, [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("continuation after ASCII", [0x61, 0xBF]),
        ("overlong 2-byte NUL", [0xC0, 0x80]),
        ("overlong 2-byte C1", [0xC1, 0xBF]),
        ("overlong 3-byte", [0xE0, 0x80, 0x80]),
        ("overlong 3-byte just below U+0800", [0xE0, 0x9F, 0xBF]),
        ("overlong 4-byte", [0xF0, 0x80, 0x80, 0x80]),
        ("overlong 4-byte just below U+10000", [0xF0, 0x8F, 0xBF, 0xBF]),
        ("surrogate U+D800", [0xED, 0xA0, 0x80]),
        ("surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("truncated 3-byte 中 (E4 B8)", [0xE4, 0xB8]),
        ("truncated 2-byte", [0xC3]),
        ("truncated 4-byte", [0xF0, 0x9F, 0x98]),
        ("3-byte with a non-continuation", [0xE4, 0xB8, 0x41]),
        ("4-byte with a non-continuation last", [0xF0, 0x9F, 0x98, 0x41]),
        ("lead F5", [0xF5, 0x80, 0x80, 0x80]),
        ("lead F8", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("lead FE", [0xFE]),
        ("lead FF", [0xFF]),
        ("bad byte after 8 ASCII bytes", Array("abcdefgh".utf8) + [0x80]),
        ("bad byte after Chinese", Array("党校".utf8) + [0xED, 0xA0, 0x80]),
        ("bad byte in the middle of 16 ASCII bytes", Array("abcdefg".utf8) + [0xFF] + Array("hijklmno".utf8)),
    ]

    static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        written { $0.writeVarint(UInt64(bytes.count)) } + bytes
    }

    /// Whether `readString` accepts `bytes` as a string.
    static func accepted(_ bytes: [UInt8]) -> Bool {
        (try? readingAll(lengthPrefixed(bytes)) { try $0.readString() }.get()) != nil
    }

    @Test("well-formed UTF-8 is accepted and decoded to the same text", arguments: valid)
    func acceptsValid(name: String, bytes: [UInt8]) throws {
        let text = try readingAll(Self.lengthPrefixed(bytes)) { try $0.readString() }.get()
        #expect(Array(text.utf8) == bytes)
        let viewed = try readingAll(Self.lengthPrefixed(bytes)) { r throws(WireError) in try r.readStringView().string }.get()
        #expect(viewed == text)
    }

    @Test("ill-formed UTF-8 is invalidUTF8 at the offset where the string starts", arguments: invalid)
    func rejectsInvalid(name: String, bytes: [UInt8]) {
        // Two bytes before the string: the error's offset is that of the string (its length).
        let input: [UInt8] = [0x05, 0x06] + Self.lengthPrefixed(bytes)
        expectFailure(reading(input) { r in
            _ = try r.readByte()
            _ = try r.readByte()
            return try r.readString()
        }, .invalidUTF8, at: 2)
        // A view decode checks the string's bounds only; reading its `string` checks its UTF-8.
        let view = try? reading(input) { r in
            _ = try r.readVarint()
            _ = try r.readVarint()
            return try r.readStringView()
        }.get()
        guard let view else {
            Issue.record("the view decode rejected a string whose bounds are fine")
            return
        }
        #expect(view.utf8.count == bytes.count)
        expectFailure(Result { () throws(WireError) in try view.string }, .invalidUTF8, at: 2)
    }

    @Test("the check agrees with the standard library's strict decoder on random bytes (seeded)")
    func agreesWithStandardLibrary() {
        let seed: UInt64 = 0x5EED_0004
        var generator = SplitMix64(seed: seed)
        // Bytes drawn mostly from lead/continuation ranges so that most inputs are near-valid.
        let palette: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4,
                                0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xB8, 0xAD]
        for iteration in 0..<50_000 {
            let count = Int(generator.next() % 12)
            let bytes = (0..<count).map { _ -> UInt8 in
                generator.next() % 4 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : palette[Int(generator.next() % UInt64(palette.count))]
            }
            let ours = Self.accepted(bytes)
            let standard = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == standard, "seed \(seed) iteration \(iteration): \(hexText(bytes))")
        }
    }
}
