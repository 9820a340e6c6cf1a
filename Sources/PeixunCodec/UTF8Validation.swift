/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
///
/// Separate from the standard library because `String(decoding:)` repairs bad input instead of
/// rejecting it, and `String(validating:)` is several times slower on short strings. ASCII, the
/// common case for ids and codes, is checked eight bytes at a time.
public enum UTF8Validation {
    @inlinable public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return true }
        var i = 0
        while i &+ 8 <= count {
            if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return isValidMultibyte(base, from: i, count: count)
            }
            i &+= 8
        }
        while i < count {
            if base.load(fromByteOffset: i, as: UInt8.self) >= 0x80 {
                return isValidMultibyte(base, from: i, count: count)
            }
            i &+= 1
        }
        return true
    }

    /// From the first non-ASCII byte on. Chinese text is mostly 3-byte sequences with leads
    /// E1–EC and EE–EF, which have no overlong or surrogate exceptions: those take a short path
    /// (one two-byte load and one mask check); the rest goes through the full table of RFC 3629.
    @usableFromInline static func isValidMultibyte(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Bool {
        var i = start
        while i < count {
            let lead = base.load(fromByteOffset: i, as: UInt8.self)
            if lead < 0x80 {
                i &+= 1
            } else if lead &- 0xE1 < 0x0C || lead >= 0xEE, lead <= 0xEF {
                guard i &+ 2 < count,
                    base.loadUnaligned(fromByteOffset: i &+ 1, as: UInt16.self) & 0xC0C0 == 0x8080
                else { return false }
                i &+= 3
            } else {
                guard let length = sequenceLength(base, at: i, lead: lead, count: count) else { return false }
                i &+= length
            }
        }
        return true
    }

    /// The length of the sequence starting with `lead` at `i`, or nil if it is not well-formed.
    @usableFromInline static func sequenceLength(_ base: UnsafeRawPointer, at i: Int, lead: UInt8, count: Int) -> Int? {
        @inline(__always) func byte(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }
        @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            guard i &+ 1 < count, isContinuation(byte(i &+ 1)) else { return nil }
            return 2
        case 0xE0...0xEF:
            guard i &+ 2 < count else { return nil }
            let b1 = byte(i &+ 1)
            let lower: UInt8 = lead == 0xE0 ? 0xA0 : 0x80  // no overlong
            let upper: UInt8 = lead == 0xED ? 0x9F : 0xBF  // no surrogates
            guard b1 >= lower, b1 <= upper, isContinuation(byte(i &+ 2)) else { return nil }
            return 3
        case 0xF0...0xF4:
            guard i &+ 3 < count else { return nil }
            let b1 = byte(i &+ 1)
            let lower: UInt8 = lead == 0xF0 ? 0x90 : 0x80  // no overlong
            let upper: UInt8 = lead == 0xF4 ? 0x8F : 0xBF  // nothing above U+10FFFF
            guard b1 >= lower, b1 <= upper, isContinuation(byte(i &+ 2)), isContinuation(byte(i &+ 3))
            else { return nil }
            return 4
        default:
            return nil
        }
    }
}
