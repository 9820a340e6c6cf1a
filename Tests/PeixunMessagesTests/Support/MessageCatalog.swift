import PeixunTestSupport
import PeixunCodec
import PeixunMessages
import Testing

/// One message type, with what the tests need to treat every type alike.
struct MessageCase: Sendable, CustomTestStringConvertible {
    let family: String
    let name: String
    let typeID: UInt16
    /// Hand-picked values; the first is the golden one.
    let representatives: [any WireMessage]
    let random: @Sendable (inout SplitMix64) -> any WireMessage
    /// Decodes a whole frame as this type (owned form).
    let decodeOwned: @Sendable ([UInt8]) -> Result<any WireMessage, WireError>
    /// Decodes a whole frame as this type's view, then copies it out with `owned`.
    let decodeView: @Sendable ([UInt8]) -> Result<any WireMessage, WireError>

    var testDescription: String { "\(family).\(name)" }
    var goldenFileName: String { "\(family).\(name).hex" }

    static func make<M: WireMessage>(
        _: M.Type, family: String, _ representatives: [M],
        random: @escaping @Sendable (inout SplitMix64) -> M
    ) -> MessageCase {
        MessageCase(
            family: family,
            name: M.typeName,
            typeID: M.typeID,
            representatives: representatives,
            random: { random(&$0) },
            decodeOwned: { bytes in
                Result { () throws(WireError) -> any WireMessage in try M(decoding: bytes) }
            },
            decodeView: { bytes in
                bytes.withUnsafeBytes { buffer in
                    Result { () throws(WireError) -> any WireMessage in try M.view(buffer).owned }
                }
            }
        )
    }
}

/// Equality of two messages of any types (false when the types differ).
func sameMessage(_ a: any WireMessage, _ b: any WireMessage) -> Bool {
    AnyHashable(a) == AnyHashable(b)
}

/// A message that contains a NaN is not equal to itself; such values are compared by bytes.
/// `message == message` alone does not tell: an array compared with itself is equal by identity
/// (same storage) without comparing its elements, so a NaN inside a list of structs (e.g.
/// `MemberView.enrollments[i].creditHours`) would pass here and then fail against a decoded copy.
func equalsItself(_ message: any WireMessage) -> Bool {
    sameMessage(message, message) && !containsNaN(message)
}

/// Whether any `Double` reachable from `value` (through stored properties, optionals and lists) is NaN.
private func containsNaN(_ value: Any) -> Bool {
    switch value {
    case let double as Double: return double.isNaN
    case is String, is [UInt8], is WireUUID, is WireTimestamp: return false
    default: return Mirror(reflecting: value).children.contains { containsNaN($0.value) }
    }
}

extension WireMessage {
    /// The encoding, for values the writer cannot refuse (every test value is within limits).
    func bytes(sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
        do {
            return try encoded()
        } catch {
            Issue.record("encoding \(Self.typeName) failed: \(error)", sourceLocation: sourceLocation)
            return []
        }
    }
}

/// Expects `result` to be the error `code`, optionally with `path`; returns the error.
@discardableResult
func expectFailure<T>(
    _ result: Result<T, WireError>, _ code: WireError.Code, path: [String]? = nil,
    _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) -> WireError? {
    switch result {
    case .success(let value):
        Issue.record("\(context()) expected \(code), decoded \(value)", sourceLocation: sourceLocation)
        return nil
    case .failure(let error):
        #expect(error.code == code, "\(context()) error: \(error)", sourceLocation: sourceLocation)
        if let path {
            #expect(error.path == path, "\(context()) error: \(error)", sourceLocation: sourceLocation)
        }
        return error
    }
}

/// `MessageRegistry.decode` on an array.
func registryDecode(_ bytes: [UInt8]) -> Result<any WireMessage, WireError> {
    bytes.withUnsafeBytes { buffer in
        Result { () throws(WireError) -> any WireMessage in try MessageRegistry.decode(buffer) }
    }
}
