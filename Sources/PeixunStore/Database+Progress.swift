public import GRDB
import GRDBSQLite

extension Database {
    /// Runs `body` with `tick` called every `instructions` SQLite virtual-machine steps (about a
    /// millisecond for 100,000), on this thread, from inside the statements `body` runs. For work
    /// that may take seconds, a query worker's heartbeat: a whole city's report is one long read.
    public func callingEvery<T>(_ instructions: Int32, _ tick: () -> Void, _ body: () throws -> T) throws -> T {
        guard let connection = sqliteConnection else { return try body() }
        return try withoutActuallyEscaping(tick) { tick in
            let box = Unmanaged.passRetained(TickBox(tick))
            sqlite3_progress_handler(connection, instructions, { context in
                guard let context else { return 0 }
                Unmanaged<TickBox>.fromOpaque(context).takeUnretainedValue().tick()
                return 0  // 0: go on (non-zero would interrupt the statement)
            }, box.toOpaque())
            defer {
                sqlite3_progress_handler(connection, 0, nil, nil)
                box.release()
            }
            return try body()
        }
    }
}

/// The tick, where the C callback can reach it.
private final class TickBox {
    let tick: () -> Void
    init(_ tick: @escaping () -> Void) { self.tick = tick }
}
