import ArgumentParser
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import ZeroMQ

/// `peixun status`: each process, its streams' heads, each follower's lag and the broker's
/// counters. Exits 1 when the broker does not answer or a domain service is not running.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each process, its streams' heads, each subscriber's lag and the broker's counters."
    )

    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @ArgumentParser.Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var keys: KeyOptions

    func run() throws {
        let snapshot = try SystemStatus.gather(broker: broker, curve: try keys.curve(), context: try ZMQContext())
        StandardOutput.line(json ? StatusRendering.json(snapshot).rendered : StatusRendering.text(snapshot, broker: broker))
        let down = snapshot.services.filter { (try? $0.status.get()) == nil }
        if !down.isEmpty { throw ExitCode(1) }
    }
}
