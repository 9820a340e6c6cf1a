import Foundation
import GRDB
import PeixunStore
import PeixunTransport

/// Part (e)'s reference: how fast this machine writes event-sized rows into SQLite through GRDB
/// with nothing else in the way. The rows go into a real `ServiceStore`'s outbox table (the same
/// pragmas the services open their stores with: WAL, `synchronous` FULL for an owner, NORMAL for a
/// projection, the same page cache and checkpoint interval), 1,000 per transaction, through one
/// cached prepared statement.
///
///     peixun-bench sqlite-raw <owner|projection> <rows> <payload-bytes> <folder>
///
/// Prints `sqlite-raw durability=… rows=… payload=… seconds=… rows_per_s=…`.
enum RawSQLiteCommand {
    static let rowsPerTransaction = 1_000

    static func run(_ arguments: [String]) throws {
        guard arguments.count == 4, let rows = Int(arguments[1]), let payload = Int(arguments[2]), rows > 0, payload > 0 else {
            fail("usage: peixun-bench sqlite-raw <owner|projection> <rows> <payload-bytes> <folder>")
        }
        let durability: ServiceStore.Durability
        switch arguments[0] {
        case "owner": durability = .owner
        case "projection": durability = .projection
        default: fail("sqlite-raw: durability must be owner or projection, not \(arguments[0])")
        }
        let path = "\(arguments[3])/raw-\(arguments[0]).sqlite"
        let store = try ServiceStore(path: path, durability: durability)
        var body = [UInt8](repeating: 0, count: payload)
        var generator = SystemRandomNumberGenerator()
        for i in body.indices { body[i] = generator.next() }
        let id = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        let started = ContinuousClock.now
        var written = 0
        while written < rows {
            let batch = min(rowsPerTransaction, rows - written)
            let first = written
            try store.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO peixun_outbox
                        (stream, sequence, topic, event_type, schema_version, committed_at, command_id, correlation_id, payload)
                    VALUES ('bench/0', ?, 'bench.Event', 1010, 1, ?, ?, ?, ?)
                    """)
                for sequence in first..<(first + batch) {
                    body[0] = UInt8(truncatingIfNeeded: sequence)  // not the same row over and over
                    try insert.execute(arguments: [sequence + 1, sequence, id, id, Data(body)])
                }
            }
            written += batch
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        print("sqlite-raw durability=\(arguments[0]) rows=\(rows) payload=\(payload) seconds=\(String(format: "%.3f", seconds)) rows_per_s=\(Int(Double(rows) / seconds))")
    }
}
