import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

extension CommandContext {
    /// Appends `event` to the scoring stream in the command's transaction: it is published if
    /// and only if the command's changes commit.
    func publish<M: WireMessage>(_ event: M, in db: Database) throws {
        try Outbox.append(event, stream: ScoringStore.stream, commandID: commandID, correlationID: correlationID, at: time, in: db)
    }
}

extension ReceivedEvent {
    /// The context of what this event causes in scoring: its command and correlation ids carry
    /// on, and its commit time is the time of what follows, so a rebuild from replay gives the
    /// same results.
    var context: CommandContext {
        CommandContext(commandID: envelope.commandID, correlationID: envelope.correlationID, time: envelope.time)
    }
}
