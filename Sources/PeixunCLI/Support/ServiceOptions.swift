import ArgumentParser
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import ZeroMQ

/// What every command and query of a service takes: where the broker is, and whether to print
/// JSON. Sending, asking and printing the answer go through here, so every
/// subcommand answers the same way.
struct ServiceOptions: ParsableArguments {
    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @ArgumentParser.Flag(help: "Print the answer as one JSON object (sorted keys, Chinese as is).")
    var json = false

    @OptionGroup var keys: KeyOptions

    /// A command client to the broker, with `--keys` when given.
    func commandClient() throws -> CommandClient {
        try CommandClient(context: try ZMQContext(), broker: broker, curve: try keys.curve())
    }

    /// A query client to the broker, with `--keys` when given.
    func queryClient() throws -> QueryClient {
        try QueryClient(context: try ZMQContext(), broker: broker, curve: try keys.curve())
    }

    /// Sends `command` and prints its answer, decoded as `R`: `text` for people, every field of
    /// `R` under `--json`. A refusal prints its status, code and message and exits 1.
    /// `partitionKey` routes it within a split service; an enrollment command brings its own.
    func send<C: WireMessage, R: WireMessage>(
        _ command: C, to service: String = "enrollment", partitionKey: String? = nil, answer _: R.Type, timeout: Duration = .seconds(3),
        text: (R) -> String
    ) throws {
        let key = partitionKey ?? (command as? any EnrollmentPartitionKeyed)?.partitionKey ?? ""
        let reply = try commandClient()
            .send(try command.encoded(), to: service, partitionKey: key, timeout: timeout)
        try Answer(reply).print(json: json) { result in
            let answer = try R(decoding: result)
            return (JSONValue.reflecting(answer).fields, text(answer))
        }
    }

    /// Asks `query` of "<service>.query" and prints its answer the same way (an enrollment query
    /// routed by its own key, for a split enrollment).
    func ask<Q: WireMessage, R: WireMessage>(
        _ query: Q, of service: String = "enrollment", answer _: R.Type, text: (R) -> String
    ) throws {
        let key = (query as? any EnrollmentPartitionKeyed)?.partitionKey ?? ""
        let reply = try queryClient().ask(query, service: service, partitionKey: key)
        try Answer(reply).print(json: json) { result in
            let answer = try R(decoding: result)
            return (JSONValue.reflecting(answer).fields, text(answer))
        }
    }
}

/// A service's answer to a command or a query (`CommandReply` and `QueryReply` say the same).
struct Answer {
    var status: CommandStatus
    var code: String
    var message: String
    var result: [UInt8]

    init(_ reply: CommandReply) {
        (status, code, message, result) = (reply.status, reply.code, reply.message, reply.result)
    }

    init(_ reply: QueryReply) {
        (status, code, message, result) = (reply.status, reply.code, reply.message, reply.result)
    }

    init(status: CommandStatus, code: String, message: String) {
        (self.status, self.code, self.message, result) = (status, code, message, [])
    }

    /// Accepted: `accepted(result)`'s text, or `{"status":"accepted", …its fields}`. Anything
    /// else: `rejected (code): message` or `{"code","message","status"}`, and exit status 1.
    func print(json: Bool, accepted: ([UInt8]) throws -> (fields: [String: JSONValue], text: String)) throws {
        guard status == .accepted else {
            let statusName = "\(status)"
            StandardOutput.line(
                json ? JSONValue.object(["status": .string(statusName), "code": .string(code), "message": .string(message)]).rendered
                    : "\(statusName) (\(code)): \(message)")
            throw ExitCode(1)
        }
        let (fields, text) = try accepted(result)
        var object = fields
        object["status"] = .string("accepted")
        StandardOutput.line(json ? JSONValue.object(object).rendered : text)
    }
}
