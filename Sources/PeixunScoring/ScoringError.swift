import PeixunRuntime

/// A refusal by a scoring rule: a stable code (for programs) and a readable message (for people,
/// Chinese names intact). Thrown by the rules, answered as a rejected command or query.
struct ScoringError: DomainRefusal, Sendable, Hashable {
    let code: String
    let message: String

    init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
