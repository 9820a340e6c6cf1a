public import PeixunRuntime

/// A refusal by a reporting rule: a stable code (for programs) and a readable message (for
/// people, Chinese names intact). Answered as a rejected command or query.
public struct ReportingError: DomainRefusal, Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let message: String

    init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
