import GRDB
import PeixunCodec
import PeixunRuntime
import PeixunStore

extension CommandContext {
    /// Appends `event` to the enrollment stream (of the command's partition, when split) in the
    /// command's transaction, stamped with what the partition had of its siblings: it is
    /// published if and only if the command's changes commit.
    func publish<M: WireMessage>(_ event: M, in db: Database) throws {
        try Outbox.append(
            event, stream: stream ?? EnrollmentStore.stream, commandID: commandID, correlationID: correlationID, at: time,
            after: after, in: db)
    }
}
