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

    @usableFromInline static func isValidMultibyte(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Bool {
        var i = start
        @inline(__always) func byte(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }
        @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
        while i < count {
            let lead = byte(i)
            if lead < 0x80 {
                i &+= 1
                continue
            }
            switch lead {
            case 0xC2...0xDF:
                guard i &+ 1 < count, isContinuation(byte(i &+ 1)) else { return false }
                i &+= 2
            case 0xE0...0xEF:
                guard i &+ 2 < count else { return false }
                let b1 = byte(i &+ 1)
                let lower: UInt8 = lead == 0xE0 ? 0xA0 : 0x80  // no overlong
                let upper: UInt8 = lead == 0xED ? 0x9F : 0xBF  // no surrogates
                guard b1 >= lower, b1 <= upper, isContinuation(byte(i &+ 2)) else { return false }
                i &+= 3
            case 0xF0...0xF4:
                guard i &+ 3 < count else { return false }
                let b1 = byte(i &+ 1)
                let lower: UInt8 = lead == 0xF0 ? 0x90 : 0x80  // no overlong
                let upper: UInt8 = lead == 0xF4 ? 0x8F : 0xBF  // nothing above U+10FFFF
                guard b1 >= lower, b1 <= upper, isContinuation(byte(i &+ 2)), isContinuation(byte(i &+ 3))
                else { return false }
                i &+= 4
            default:
                return false
            }
        }
        return true
    }
}
