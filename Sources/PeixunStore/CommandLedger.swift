import Foundation
public import GRDB
public import PeixunCodec

/// Idempotent commands: each command carries a client-chosen id; the service records the id with
/// the reply it gave, in the same transaction as the command's effects, and answers a retry
/// (a lost reply, a worker that died, a broker that resent) with that same reply and no second
/// effect.
///
/// Every function takes the `Database` of the caller's write transaction.
public enum CommandLedger {
    /// The reply recorded for `commandID`, or nil if the command has not run (or rolled back).
    public static func reply(for commandID: WireUUID, in db: Database) throws -> [UInt8]? {
        try StoreError.wrappingSQLite(.databaseFailed, "cannot read the command ledger") {
            // Stepped by hand (Database+Steps): every command asks, and nearly always finds nothing.
            try db.first("SELECT reply FROM peixun_commands WHERE command_id = ?", [.uuid(commandID)]) { row in
                try row.storedBlob(0, name: "reply")
            }
        }
    }

    /// Records that `commandID` ran and was answered with `reply`.
    ///
    /// - Throws: `StoreError` `.commandAlreadyRecorded` if it already was: recording twice means
    ///   the command ran twice, which is the bug this ledger exists to prevent. Use
    ///   ``execute(_:at:in:body:)``.
    public static func record(_ commandID: WireUUID, reply: [UInt8], at time: WireTimestamp, in db: Database) throws {
        do {
            try db.perform(
                "INSERT INTO peixun_commands (command_id, reply, recorded_at) VALUES (?, ?, ?)",
                [.uuid(commandID), .blob(reply), .int(time.microsecondsSinceEpoch)])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError(.commandAlreadyRecorded, "command \(commandID) is already recorded", cause: error)
        } catch let error as DatabaseError {
            throw StoreError(.databaseFailed, "cannot record command \(commandID)", cause: error)
        }
    }

    /// Runs a command at most once.
    ///
    /// If `commandID` is recorded, returns its reply with `replayed == true` and runs nothing.
    /// Otherwise runs `body` (the command: its state changes and `Outbox.append`s), records the
    /// reply it returns, and returns it with `replayed == false`.
    ///
    /// `body` runs in a savepoint: if it throws, its changes are undone and nothing is recorded,
    /// even when the caller catches the error and commits the rest of the transaction (group
    /// commit of many commands, one of which failed); a retry runs it afresh. A rejection the
    /// client must see again on retry (a full class, a closed period) is a reply, not a throw.
    ///
    /// The id alone identifies the command: a retry with the same id and different content gets
    /// the first reply.
    ///
    /// With `isolated: false` there is no savepoint: if `body` throws, its partial changes stay
    /// in the transaction, and the caller must roll the whole transaction back (the command
    /// worker then runs the group again, isolated). Saves the savepoint's statement journal,
    /// which copies every page the command touches (see `CommandWorker`).
    public static func execute(
        _ commandID: WireUUID,
        at time: WireTimestamp,
        in db: Database,
        isolated: Bool = true,
        body: (Database) throws -> [UInt8]
    ) throws -> (reply: [UInt8], replayed: Bool) {
        if let recorded = try reply(for: commandID, in: db) {
            return (recorded, true)
        }
        var reply: [UInt8] = []
        try StoreError.wrappingSQLite(.databaseFailed, "cannot run command \(commandID)") {
            guard isolated else {
                reply = try body(db)
                try record(commandID, reply: reply, at: time, in: db)
                return
            }
            try inSavepoint(db) {
                reply = try body(db)
                try record(commandID, reply: reply, at: time, in: db)
            }
        }
        return (reply, false)
    }

    /// Runs `body` in a savepoint: released if it returns, rolled back (and released) if it throws.
    ///
    /// What `Database.inSavepoint` does inside a transaction, with cached statements: GRDB parses
    /// its `SAVEPOINT`/`RELEASE` text anew each time, and a group commit opens one savepoint per
    /// command. Outside a transaction it is GRDB's (which opens a transaction instead).
    static func inSavepoint(_ db: Database, _ body: () throws -> Void) throws {
        guard db.isInsideTransaction else {
            try db.inSavepoint {
                try body()
                return .commit
            }
            return
        }
        try db.perform("SAVEPOINT peixun_command")
        do {
            try body()
        } catch {
            // ROLLBACK TO alone keeps the savepoint open; RELEASE closes it. If SQLite already
            // rolled back the whole transaction (a full disk), both fail and the first error,
            // which says why, is the one to report; the outer transaction then fails too.
            try? db.perform("ROLLBACK TRANSACTION TO SAVEPOINT peixun_command")
            try? db.perform("RELEASE SAVEPOINT peixun_command")
            throw error
        }
        try db.perform("RELEASE SAVEPOINT peixun_command")
    }
}
