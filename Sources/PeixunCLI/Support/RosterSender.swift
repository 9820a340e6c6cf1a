import PeixunCodec
import PeixunMessages
import PeixunRuntime

/// Sends a roster to enrollment. Not split: in one command, all or nothing. Split: a part per
/// partition (by member number), and, unless rows may be skipped, every part is first only
/// checked (`checkOnly`), so that nothing is written unless every part would be.
struct RosterSender {
    let client: CommandClient
    /// Enrollment's partition count (1: not split).
    let partitions: Int

    /// The service's answer; split, the parts' answers combined into one.
    func send(_ roster: ImportRoster) throws -> CommandReply {
        let parts = roster.split(into: partitions)
        guard parts.count > 1 else { return try send(roster, key: parts.first?.key ?? "") }
        if !roster.skipInvalid {
            var check = parts.map(\.roster)
            for index in check.indices { check[index].checkOnly = true }
            let refusals = try zip(check, parts).map { try send($0, key: $1.key) }.filter { $0.status != .accepted }
            if let first = refusals.first {
                let message = refusals.map(\.message).joined(separator: "\n") + "\n(the roster went to \(parts.count) enrollment partitions; none was written)"
                return CommandReply(commandID: first.commandID, status: first.status, code: first.code, message: message)
            }
        }
        var total = RosterImported()
        var last = CommandReply(commandID: WireUUID(high: 0, low: 0), status: .accepted)
        for part in parts {
            last = try send(part.roster, key: part.key)
            guard last.status == .accepted else { return last }
            let imported = try RosterImported(decoding: last.result)
            total.registered += imported.registered
            total.unchanged += imported.unchanged
            total.skipped += imported.skipped
        }
        total.skipped.sort { $0.line < $1.line }
        return CommandReply(commandID: last.commandID, status: .accepted, result: try total.encoded())
    }

    private func send(_ roster: ImportRoster, key: String) throws -> CommandReply {
        try client.send(try roster.encoded(), to: "enrollment", partitionKey: key, timeout: .seconds(30))
    }
}
