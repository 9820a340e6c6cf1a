import ArgumentParser
import PeixunTransport
import ZeroMQ

/// `--keys DIR --key-name NAME`: what every process that connects to the broker takes to talk
/// CURVE (encrypted, and authenticated by the broker's allow-list). Without `--keys` it talks
/// plaintext, which the broker accepts only on loopback.
struct KeyOptions: ParsableArguments {
    @Option(help: "Folder of CURVE keys made by `peixun keys`: connect to the broker encrypted and authenticated.")
    var keys: String?

    @Option(help: "Which key pair of --keys this process uses (NAME.key and NAME.pub).")
    var keyName = KeyFolder.defaultClientName

    /// The CURVE keys for every connection to the broker, or nil without `--keys`.
    func curve() throws -> ZMQCurveClientKeys? {
        guard let keys else { return nil }
        return try KeyFolder(path: keys).clientKeys(name: keyName)
    }

    /// The same options for a child process (`peixun up` passes them on).
    var arguments: [String] { keys.map { ["--keys", $0, "--key-name", keyName] } ?? [] }
}
