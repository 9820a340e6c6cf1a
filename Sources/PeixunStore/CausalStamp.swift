public import GRDB
public import PeixunMessages

/// Causal stamps (`Envelope.after`): an owner that follows its sibling partitions decides
/// commands on what it has applied of them, so each event it appends says how far that was; a
/// follower of both applies the event only once it has applied those positions too
/// (docs/architecture.md, "Scaling one service").
public enum CausalStamp {
    /// The stored form, `"enrollment/0=1200 enrollment/2=7"`: readable in `sqlite3`, and a
    /// service name has neither spaces nor `=`.
    static func text(of positions: [StreamPosition]) -> String {
        positions.map { "\($0.stream.storeKey)=\($0.sequence)" }.joined(separator: " ")
    }

    /// The positions in a stored stamp; `.corrupt` naming the part that is not one.
    static func positions(in text: String) throws -> [StreamPosition] {
        try text.split(separator: " ").map { part in
            guard let equals = part.lastIndex(of: "="), let stream = StreamID(storeKey: String(part[..<equals])),
                let sequence = UInt64(part[part.index(after: equals)...])
            else { throw StoreError(.corrupt, "\"\(part)\" in peixun_outbox.after_positions is not stream=sequence") }
            return StreamPosition(stream: stream, sequence: sequence)
        }
    }
}

extension Cursors {
    /// How far each of `streams` is applied here: the causal stamp of what is decided now. A
    /// stream not applied at all is left out (nothing of it can have been relied on).
    public static func positions(of streams: [StreamID], in db: Database) throws -> [StreamPosition] {
        try streams.compactMap { stream in
            let through = try appliedThrough(stream: stream, in: db)
            return through == 0 ? nil : StreamPosition(stream: stream, sequence: through)
        }
    }
}
