import ArgumentParser
import Foundation
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import ZeroMQ

/// `peixun org …`: organisations of the enrollment service.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations: the tree of city, counties, towns, villages and others.",
        subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation under its parent (the city has none).")

        @Option(help: "The broker's request endpoint.")
        var broker = "tcp://127.0.0.1:5570"

        @Option(help: "Unique code, 1–32 letters, digits, - or _.")
        var code: String

        @Option(help: "Name, e.g. 小榄镇.")
        var name: String

        @Option(help: "city, county, town, village, organ, state-enterprise, school or two-new.")
        var kind: String

        @Option(help: "The parent organisation's code (not for the city).")
        var parent: String?

        @ArgumentParser.Flag(help: "Print the answer as JSON.")
        var json = false

        func run() throws {
            guard let kind = Self.kinds[kind] else {
                throw ValidationError("unknown --kind \(kind); one of \(Self.kinds.keys.sorted().joined(separator: ", "))")
            }
            let command = CreateOrganisation(code: code, name: name, kind: kind, parentCode: parent)
            let reply = try CommandClient(context: try ZMQContext(), broker: broker)
                .send(try command.encoded(), to: "enrollment")
            try CommandOutput.print(reply, json: json) { result in
                let created = try OrganisationCreated(decoding: result)
                return (["organisation": created.organisation.description, "code": created.code],
                        "created organisation \(created.code) (\(created.organisation))")
            }
        }

        static let kinds: [String: OrganisationKind] = [
            "city": .city, "county": .county, "town": .town, "village": .village, "organ": .organ,
            "state-enterprise": .stateEnterprise, "school": .school, "two-new": .twoNew,
        ]
    }
}

/// How a command's answer is shown: a line of text, or JSON with `--json`; a refusal exits 1.
enum CommandOutput {
    static func print(
        _ reply: CommandReply, json: Bool, accepted: ([UInt8]) throws -> (fields: [String: any Sendable], text: String)
    ) throws {
        switch reply.status {
        case .accepted:
            let (fields, text) = try accepted(reply.result)
            StandardOutput.line(json ? try encode(["status": "accepted"].merging(fields) { a, _ in a }) : text)
        case .rejected, .malformed, .failed:
            let status = "\(reply.status)"
            StandardOutput.line(
                json ? try encode(["status": status, "code": reply.code, "message": reply.message])
                    : "\(status) (\(reply.code)): \(reply.message)")
            throw ExitCode(1)
        }
    }

    static func encode(_ object: [String: any Sendable]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
