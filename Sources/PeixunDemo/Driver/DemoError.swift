/// Why the demo stopped: each says what was being done and what the service answered.
public enum DemoError: Error, CustomStringConvertible, Sendable {
    /// A command refused where the demo meant it to succeed (or refused with another code).
    case unexpectedRefusal(phase: String, command: String, code: String, message: String)
    /// A command accepted that the demo meant to be refused.
    case missingRefusal(phase: String, command: String, expected: String)
    /// A command the service could not read.
    case malformed(phase: String, command: String, message: String)
    /// Retried refusals (waiting for a service to catch up) still refused at the deadline.
    case gaveUp(phase: String, command: String, seconds: Int, code: String, message: String)
    /// Reporting did not answer a query.
    case reporting(query: String, code: String, message: String)
    /// Some follower was still behind its owners' heads at the deadline.
    case catchUp(seconds: Int, behind: String)

    public var description: String {
        switch self {
        case .unexpectedRefusal(let phase, let command, let code, let message):
            "demo failed in phase \(phase): \(command) was refused (\(code)): \(message)"
        case .missingRefusal(let phase, let command, let expected):
            "demo failed in phase \(phase): \(command) was accepted, but the demo expected the refusal \(expected)"
        case .malformed(let phase, let command, let message):
            "demo failed in phase \(phase): \(command) was malformed: \(message)"
        case .gaveUp(let phase, let command, let seconds, let code, let message):
            "demo failed in phase \(phase): \(command) still refused after \(seconds) s of retries (\(code)): \(message)"
        case .reporting(let query, let code, let message):
            "demo failed asking reporting \(query): \(code): \(message)"
        case .catchUp(let seconds, let behind):
            "demo failed: the services had not applied every event \(seconds) s after the last command (behind: \(behind))"
        }
    }
}
