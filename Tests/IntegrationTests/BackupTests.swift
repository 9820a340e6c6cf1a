import Foundation
import Testing

/// `peixun backup` as an operator runs it: against a running enrollment service, then a fresh
/// service started on the copy answers the same queries.
@Suite("Online backup and restore", .timeLimit(.minutes(3)))
struct BackupTests {
    static func cli(_ arguments: [String]) async throws -> (Int32, String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput + process.standardError)
    }

    static func createOrganisation(_ code: String, _ name: String, _ kind: String, parent: String?, broker: String) async throws {
        let (status, output) = try await cli(
            ["org", "create", "--broker", broker, "--code", code, "--name", name, "--kind", kind] + (parent.map { ["--parent", $0] } ?? []))
        #expect(status == 0, "org create \(code): \(output)")
    }

    @Test("a backup taken while enrollment runs restores to a service that answers with the data as it was at the backup")
    func backupWhileRunningThenRestore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("live")
        let backup = folder.appendingPathComponent("backup")
        let broker = try await BrokerFixture.start()
        let service = try await broker.startService("enrollment", data: live)
        let reporting = try await broker.startService("reporting", data: live)

        try await Self.createOrganisation("442000", "中山市", "city", parent: nil, broker: broker.requests)
        try await Self.createOrganisation("442000-01", "中山市直", "county", parent: "442000", broker: broker.requests)
        try await Self.createOrganisation("442000-XL", "小榄镇", "town", parent: "442000-01", broker: broker.requests)

        // The service is running and holds its store open (its WAL too) while the copy is taken.
        let (backedUp, report) = try await Self.cli(["backup", "--data", live.path, "--out", backup.path, "--json"])
        #expect(backedUp == 0, "\(report)")
        #expect(report.contains("\"store\":\"enrollment\""), "\(report)")
        #expect(report.contains("\"enrollment-v3-seats\""), "the copy's schema is named by its migrations: \(report)")
        // A follower is copied before the store it follows, so its cursor cannot be ahead of the copied head.
        let reportingCopied = try #require(report.range(of: "\"store\":\"reporting\"")?.lowerBound)
        let enrollmentCopied = try #require(report.range(of: "\"store\":\"enrollment\"")?.lowerBound)
        #expect(reportingCopied < enrollmentCopied, "reporting is copied before enrollment: \(report)")
        #expect(service.process.isRunning)

        // Written after the backup: not in the copy.
        try await Self.createOrganisation("442000-DF", "东凤镇", "town", parent: "442000-01", broker: broker.requests)

        let (again, refusal) = try await Self.cli(["backup", "--data", live.path, "--out", backup.path])
        #expect(again != 0, "a second backup into the same folder is refused: \(refusal)")
        #expect(refusal.contains("not empty"), "\(refusal)")

        // Restore: the originals stop, a fresh process starts on the copied file.
        #expect(try await reporting.stop() == 0)
        #expect(try await service.stop() == 0)
        let restored = try await broker.startService("enrollment", data: backup)
        let (treeStatus, tree) = try await Self.cli(["org", "tree", "--broker", broker.requests, "442000"])
        #expect(treeStatus == 0, "\(tree)")
        #expect(tree.contains("中山市 442000"), "\(tree)")
        #expect(tree.contains("小榄镇 442000-XL"), "\(tree)")
        #expect(!tree.contains("442000-DF"), "the organisation created after the backup is not in it: \(tree)")

        // The restored service takes commands again, on its own stream where the copy left it.
        try await Self.createOrganisation("442000-DF", "东凤镇", "town", parent: "442000-01", broker: broker.requests)
        #expect(try await restored.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
