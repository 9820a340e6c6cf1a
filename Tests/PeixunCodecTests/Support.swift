import PeixunCodec
import Testing

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
