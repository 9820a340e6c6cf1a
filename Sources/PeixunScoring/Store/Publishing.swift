import GRDB
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

extension ReceivedEvent {
    /// The context of what this event causes in scoring: its command and correlation ids carry
    /// on, and its commit time is the time of what follows, so a rebuild from replay gives the
    /// same results.
    var context: CommandContext {
        CommandContext(commandID: envelope.commandID, correlationID: envelope.correlationID, time: envelope.time)
    }
}
