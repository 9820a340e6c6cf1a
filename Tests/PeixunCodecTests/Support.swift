import PeixunCodec
import Testing

/// Bytes from hex text: pairs of digits, whitespace ignored (`"80 01"` → `[0x80, 0x01]`).
func hexBytes(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }.utf8.map { byte -> UInt8 in
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: preconditionFailure("not a hex digit in test data: \(text)")
        }
    }
    precondition(digits.count % 2 == 0, "odd number of hex digits in test data: \(text)")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// Lower-case hex, bytes separated by spaces (for readable failure messages).
func hexText(_ bytes: [UInt8]) -> String {
    bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
}

/// What a fresh writer holds after `body` ran on it.
func written(capacity: Int = 1024, _ body: (inout WireWriter) -> Void) -> [UInt8] {
    var writer = WireWriter(capacity: capacity)
    body(&writer)
    return writer.bytes
}

/// Runs `body` on a reader over `input`: its value, or the error it threw.
func reading<T>(_ input: [UInt8], _ body: (inout WireReader) throws -> T) -> Result<T, WireError> {
    input.withUnsafeBytes { buffer in
        var reader = WireReader(buffer)
        return wireResult { try body(&reader) }
    }
}

/// Reads with `body` and requires that every byte of `input` was consumed.
func readingAll<T>(_ input: [UInt8], _ body: (inout WireReader) throws -> T) -> Result<T, WireError> {
    input.withUnsafeBytes { buffer in
        var reader = WireReader(buffer)
        return wireResult {
            let value = try body(&reader)
            guard reader.isAtEnd else { throw WireError(.trailingBytes, at: reader.offset) }
            return value
        }
    }
}

/// The value of `body`, or the `WireError` it threw (any other error is a test bug).
func wireResult<T>(_ body: () throws -> T) -> Result<T, WireError> {
    do {
        return .success(try body())
    } catch let error as WireError {
        return .failure(error)
    } catch {
        preconditionFailure("not a WireError: \(error)")
    }
}

/// Expects `result` to be the error `code` (and, when given, at `offset`); returns the error.
@discardableResult
func expectFailure<T>(
    _ result: Result<T, WireError>, _ code: WireError.Code, at offset: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> WireError? {
    switch result {
    case .success(let value):
        Issue.record("expected \(code), decoded \(value)", sourceLocation: sourceLocation)
        return nil
    case .failure(let error):
        #expect(error.code == code, "error: \(error)", sourceLocation: sourceLocation)
        if let offset {
            #expect(error.offset == offset, "error: \(error)", sourceLocation: sourceLocation)
        }
        return error
    }
}

/// A seeded generator (SplitMix64) so that random tests can be replayed from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
