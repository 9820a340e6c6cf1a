import ArgumentParser
import Foundation
import PeixunTransport
import ZeroMQ

/// `peixun request`: a diagnostic client that sends one request and prints the reply.
struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Diagnostic: send a text body to a service through the broker and print the reply."
    )

    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @Option(help: "Service to ask.")
    var service = "echo"

    @Option(help: "Milliseconds the broker may hold the request.")
    var timeoutMilliseconds = 3000

    @Argument(help: "Request body, as UTF-8 text.")
    var text = "你好"

    @OptionGroup var keys: KeyOptions

    func run() throws {
        let context = try ZMQContext()
        let client = try RequestClient(context: context, broker: broker, curve: try keys.curve())
        let reply = try client.request(
            service: service, body: Array(text.utf8), timeout: .milliseconds(timeoutMilliseconds))
        StandardOutput.line("status=\(reply.status) detail=\(reply.detail) body=\(String(decoding: reply.body, as: UTF8.self))")
        if reply.status != .ok { throw ExitCode(2) }
    }
}
