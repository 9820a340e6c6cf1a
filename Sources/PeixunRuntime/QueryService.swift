public import GRDB

/// A service's queries: answered from a read transaction of its store (a snapshot; no writes,
/// no ledger, no events). Served on "<service>.query" by `QueryWorker`.
public protocol QueryService: Sendable {
    /// Answers the encoded query: `.accepted(result:)` with an encoded answer of the service's
    /// family, or `.rejected` with a stable code and a readable message (an unknown member…).
    /// Throwing (a bug, an unreadable store) answers `failed`.
    func answer(_ query: UnsafeRawBufferPointer, in db: Database) throws -> CommandOutcome
}
