import ArgumentParser
import PeixunTransport

/// `peixun keys`: makes the CURVE key pairs of a deployment and the broker's allow-list.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make CURVE key pairs (Z85) for the broker and the processes that connect to it.",
        discussion: """
            Writes into DIR: broker.key and broker.pub (once; kept if they exist), NAME.key and NAME.pub \
            for each --name (default: client), and adds each NAME's public key to DIR/allowed, the \
            broker's allow-list. Secret keys (.key) are created with mode 0600 and never overwritten. \
            Then start every process with --keys DIR (and --key-name NAME for a key other than client). \
            See docs/security.md.
            """
    )

    @Option(help: "The folder to write the keys into (created if missing).")
    var out: String

    @Option(help: "A key pair to make for a connecting process, and allow (repeatable).")
    var name: [String] = []

    func run() throws {
        let folder = KeyFolder(path: out)
        let names = name.isEmpty ? [KeyFolder.defaultClientName] : name
        let created = try folder.create(clients: names)
        func pair(_ name: String) -> String {
            "\(name): \(folder.file(name, secret: true)) (secret), \(folder.file(name, secret: false))"
        }
        StandardOutput.line(
            created.brokerCreated
                ? pair(KeyFolder.brokerName) : "broker: kept the existing \(folder.file(KeyFolder.brokerName, secret: true))")
        for client in created.clients {
            StandardOutput.line(pair(client) + "; allowed in \(folder.allowListPath)")
        }
    }
}
