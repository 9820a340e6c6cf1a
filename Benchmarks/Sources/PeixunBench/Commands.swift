import Foundation
import PeixunCodec
import PeixunMessages
import ZeroMQ

/// `commands <service> <endpoint> <total> <inFlight> <clients>`: requests/s through the broker's
/// request path, with the pipelined clients of `Pipeline.swift`.
/// - service `loadtest` (`peixun-testservice owner`): each body is a `CommandRequest` with a random
///   command id and command = u32 LE 1 (one durable event per command); a reply counts when the
///   `ClientReply` is `ok` and its body a `CommandReply` with status `accepted` and the same command id.
/// - any other service (`echo`, `peixun echo-worker`): a 40-byte body; a reply counts when its status
///   is `ok` and its body starts with the request body.
enum CommandsCommand {
    static let oneEvent: [UInt8] = [1, 0, 0, 0]

    static func run(_ arguments: [String]) throws {
        guard arguments.count == 5, let total = Int(arguments[2]), let inFlight = Int(arguments[3]),
              let clients = Int(arguments[4]), total > 0, inFlight > 0, clients > 0, total >= clients
        else { fail("usage: commands <service> <endpoint> <total> <inFlight> <clients>") }
        let service = arguments[0]
        let loads: [ClientLoad]
        if service == "loadtest" {
            loads = try ClientLoad.commands(Array(repeating: oneEvent, count: total), clients: clients, warmUp: oneEvent)
        } else {
            loads = (0..<clients).map { index in
                let body = Array("peixun-bench client \(index) request body....".utf8.prefix(40))
                let n = total / clients + (index < total % clients ? 1 : 0)
                return ClientLoad(bodies: Array(repeating: body, count: n), commandIDs: [], warmUp: body, warmUpID: .zero)
            }
        }
        let pipeline = Pipeline(service: service, endpoint: arguments[1], inFlight: inFlight, isCommand: service == "loadtest")
        let summary = try pipeline.run(loads, context: try ZMQContext(ioThreads: 1))
        print(summary.line(prefix: "commands service=\(service)"))
    }
}
