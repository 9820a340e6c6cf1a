import Foundation
import GRDB
import Testing

/// A small tmpfs mounted for one test (root only: CI runs as root; elsewhere the suite is skipped
/// and says why), unmounted at the end.
struct Tmpfs {
    let path: URL

    static var available: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    init(megabytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-tmpfs-\(UUID())")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)M", "tmpfs", path.path])
    }

    func unmount() {
        try? Self.run("/bin/umount", ["-l", path.path])
        try? FileManager.default.removeItem(at: path)
    }

    /// Writes a filler file until the file system has no space left; returns it.
    func fill() throws -> URL {
        let filler = path.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let chunk = Data(count: 64 * 1024)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        return filler
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw IntegrationError("\(tool) \(arguments) exited \(process.terminationStatus)") }
    }
}

/// Issue 9: a full disk under a store. The owner refuses writes with a clear error and records
/// nothing; a follower keeps its last good transaction and catches up once there is space; both
/// stay up and both files pass SQLite's integrity check.
@Suite(
    "A full disk: writes refused with a clear error, nothing corrupted, recovery when space returns",
    .enabled(if: Tmpfs.available, "needs root to mount a small tmpfs"), .timeLimit(.minutes(5)))
struct FullDiskTests {
    static func addCourse(_ code: String, _ broker: BrokerFixture) async throws -> (status: Int32, output: String) {
        let process = try PeixunProcess([
            "course", "add", "--broker", broker.requests, "--code", code, "--name", "党史学习教育 \(code)",
            "--module", "political-theory", "--credit-hours", "1.5", "--mode", "classroom",
        ])
        let status = try await process.waitForExit()
        return (status, process.standardOutput + process.standardError)
    }

    /// Reporting's cursor on enrollment's stream and its lag, once both answer `peixun status`
    /// (which exits 1 here: scoring and archive are not running).
    static func reportingPosition(_ broker: BrokerFixture) async throws -> (applied: Int, lag: Int)? {
        let json = try await StatusAndTailTests.status(broker).json
        let lag = (json["lags"] as? [[String: Any]] ?? []).first {
            $0["follower"] as? String == "reporting" && $0["stream"] as? String == "enrollment/0"
        }
        guard let applied = lag?["appliedThrough"] as? Int, let behind = lag?["lag"] as? Int else { return nil }
        return (applied, behind)
    }

    @Test("the owner refuses a command on a full disk and takes it once there is space; the follower waits and catches up")
    func fullDisk() async throws {
        let owner = try Tmpfs(megabytes: 24), follower = try Tmpfs(megabytes: 24)
        defer { owner.unmount(); follower.unmount() }
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService("enrollment", data: owner.path)
        let reporting = try await broker.startService("reporting", data: follower.path)
        #expect(try await Self.addCourse("FD-01", broker).status == 0)

        // The owner's disk is full: refused, with the reason, and nothing recorded.
        var filler = try owner.fill()
        let refused = try await Self.addCourse("FD-02", broker)
        #expect(refused.status != 0)
        #expect(refused.output.contains("disk is full"), "the refusal says why: \(refused.output)")
        try FileManager.default.removeItem(at: filler)
        #expect(try await Self.addCourse("FD-02", broker).status == 0, "taken once there is space again")
        try await eventually(within: .seconds(30), "reporting at enrollment's head 2") {
            try await Self.reportingPosition(broker).flatMap { $0 == (2, 0) ? true : nil }
        }

        // The follower's disk is full: the event waits (its batch rolled back), reporting stays up.
        filler = try follower.fill()
        #expect(try await Self.addCourse("FD-03", broker).status == 0)
        try await eventually(within: .seconds(30), "reporting to say its store refused the batch") {
            reporting.standardError.contains("cannot apply events") && reporting.standardError.contains("full") ? true : nil
        }
        let waiting = try await Self.reportingPosition(broker)
        #expect(waiting?.applied == 2 && waiting?.lag == 1, "reporting up, one event behind: \(String(describing: waiting))")
        try FileManager.default.removeItem(at: filler)
        try await eventually(within: .seconds(30), "reporting caught up once there is space") {
            try await Self.reportingPosition(broker).flatMap { $0 == (3, 0) ? true : nil }
        }

        #expect(try await reporting.stop() == 0)
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
        for store in [owner.path.appendingPathComponent("enrollment.sqlite"), follower.path.appendingPathComponent("reporting.sqlite")] {
            let check = try await DatabaseQueue(path: store.path).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"], "\(store.lastPathComponent) passes SQLite's integrity check")
        }
        let courses = try await DatabaseQueue(path: owner.path.appendingPathComponent("enrollment.sqlite").path).read { db in
            try String.fetchAll(db, sql: "SELECT code FROM courses ORDER BY code")
        }
        #expect(courses == ["FD-01", "FD-02", "FD-03"], "the refused attempt left nothing behind")
    }
}
