extension ServiceStore {
    /// How hard a commit insists on reaching the disk: SQLite's `PRAGMA synchronous` in WAL mode.
    ///
    /// Measured on the project's machine (2 cores, WAL, 150-byte rows; shared/notes
    /// swift-libzmq-facts.md):
    ///
    /// | rows per commit | `FULL` rows/s | `NORMAL` rows/s |
    /// | --- | --- | --- |
    /// | 1 | 334 | 21,000 |
    /// | 100 | 24,000 | 153,000 |
    /// | 1,000 | 129,000 | 228,000 |
    ///
    /// `FULL` syncs the WAL at every commit; `NORMAL` syncs it only at checkpoints, so after a
    /// power loss or an operating-system crash the last commits may be gone (never a corrupt
    /// file, and a crash of the process alone loses nothing in either mode). One commit per
    /// command under `FULL` is 60 times slower; group commit (many commands per `write`) closes
    /// most of the gap, which is why it decides every durable figure.
    public enum Durability: Sendable, Hashable {
        /// A service's own state, outbox and command ledger: `synchronous = FULL`. Once a command
        /// is acknowledged its effects and events must survive a power loss, because nothing
        /// else holds them; a client that got a reply would otherwise see it vanish, and
        /// subscribers that already applied an event would be ahead of the owner's log. Batch
        /// commands per transaction to pay the sync once per batch.
        case owner
        /// Derived state (projections, reports) with its subscriber cursors: `synchronous =
        /// NORMAL`. A power loss can roll back the last transactions, but the projection and its
        /// cursors roll back together (they commit in one transaction), so the subscriber just
        /// asks the owners to replay from its cursors: nothing is lost, and every commit is up to
        /// 60 times cheaper.
        case projection

        /// The value of `PRAGMA synchronous` this durability sets (FULL = 2, NORMAL = 1).
        public var synchronousLevel: Int {
            switch self {
            case .owner: 2
            case .projection: 1
            }
        }

        var synchronousName: String {
            switch self {
            case .owner: "FULL"
            case .projection: "NORMAL"
            }
        }
    }
}
