import Foundation
import GRDB
import Testing

/// The archive through real processes: the broker, `peixun enrollment` and `peixun archive`, the
/// enrollment workflow driven through the command line, the archive's answers read through the
/// command line, the store tampered with while the service is stopped, and rebuilt from replay.
@Suite("Archive end to end: records, verification and rebuild through real processes", .timeLimit(.minutes(5)))
struct ArchiveWorkflowTests {
    typealias System = EnrollmentWorkflowTests.System

    static func startArchive(_ broker: BrokerFixture, _ folder: URL) async throws -> PeixunProcess {
        let archive = try PeixunProcess([
            "archive", "--broker", broker.requests, "--publishers", broker.publishers, "--subscribers", broker.subscribers,
            "--data", folder.path, "--seal-on", "enrollment",
        ])
        try await archive.waitForLine(startingWith: "peixun archive ready")
        return archive
    }

    /// Runs `peixun <arguments>` and returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput)
    }

    /// What must be equal after a rebuild: every member's head and entry hashes, the cabinet's root.
    static func snapshot(_ system: System) async throws -> [String: String] {
        var heads: [String: String] = [:]
        for number in ["GD-0001", "GD-0002", "GD-0003"] {
            let transcript = try await system.accepted(["archive", "transcript", number])
            heads[number] = "\(transcript["head"] ?? "")|" + ((transcript["entries"] as? [[String: Any]]) ?? []).map { "\($0["hash"] ?? "")" }.joined(separator: ",")
        }
        let cabinet = try await system.accepted(["archive", "cabinet", "442000-XL"])
        heads["cabinet"] = "\(cabinet["currentRoot"] ?? "")"
        return heads
    }

    /// Waits until the archive has filed the completions of 欧阳娜娜 (GD-0002) and 李强 (GD-0003): the
    /// last entries the workflow causes. Returns 李强's transcript.
    static func waitForRecords(_ system: System) async throws -> [String: Any] {
        var answers: [String: Any] = [:]
        for number in ["GD-0002", "GD-0003"] {
            answers = try await eventually(within: .seconds(30), "the archive to file \(number)'s completion") {
                let (status, answer) = try await system.cli(["archive", "transcript", number])
                let kinds = (answer["entries"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
                return status == 0 && kinds.contains("completion") ? answer : nil
            }
        }
        return answers
    }

    @Test("enrollment's events become each member's chained record; verify catches a changed row; a rebuild from replay gives the same heads and roots")
    func archiveRecords() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try PeixunProcess([
            "enrollment", "--broker", broker.requests, "--publishers", broker.publishers, "--data", folder.path,
            "--check-in-code-seconds", "60", "--check-in-grace-minutes", "15",
        ])
        try await enrollment.waitForLine(startingWith: "peixun enrollment ready")
        var archive = try await Self.startArchive(broker, folder)
        let system = System(broker: broker, service: enrollment, folder: folder)
        try await EnrollmentWorkflowTests.steps(system)

        // 李强 (GD-0003) waited, was promoted, checked in at a branch venue and completed.
        let li = try await Self.waitForRecords(system)
        let kinds = (li["entries"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["waitlisted", "promotion", "attendance", "completion"])
        #expect(li["name"] as? String == "李强")
        #expect(li["committeeCode"] as? String == "442000-XL", "the committee is the branch's parent, 小榄镇")
        let ouyang = try await system.accepted(["archive", "transcript", "GD-0002"])
        #expect(ouyang["name"] as? String == "欧阳, 娜娜")
        let entries = try #require(ouyang["entries"] as? [[String: Any]])
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date()).year!
        #expect(entries.first?["className"] as? String == "\(year)年村（社区）党员轮训班")
        #expect(entries.compactMap { $0["entry"] as? Int } == Array(1...entries.count))

        let ledger = try await system.accepted(["archive", "ledger", "--committee", "442000-XL", "--year", "\(year)"])
        let lines = try #require(ledger["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["memberNumber"] as? String } == ["GD-0001", "GD-0002", "GD-0003", "GD-0004"])
        #expect(lines.compactMap { $0["quota"] as? Double } == [56, 32, 32, 32], "张伟 is a branch secretary")
        // The class has a completion exam and no scoring service runs: its hours wait for CompletionConfirmed.
        #expect(lines.compactMap { $0["hours"] as? Double } == [0, 0, 0, 0])

        let csv = try await Self.run(["archive", "cabinet", "442000-XL", "--csv", "--broker", broker.requests])
        #expect(csv.status == 0)
        let rows = csv.output.components(separatedBy: "\r\n")
        #expect(rows.count == 6 && rows.last == "", "a header, four members, and CRLF after each")
        #expect(rows[2].hasPrefix("442000-XL,小榄镇,GD-0002,\"欧阳, 娜娜\",442000-XL-01,永宁社区党委,"))
        #expect(rows[1...3].allSatisfy { $0.split(separator: ",").last?.count == 64 }, "each head in hex (GD-0004 has no entry)")
        let xapi = try await Self.run(["archive", "transcript", "GD-0002", "--xapi", "--broker", broker.requests])
        let xapiAgain = try await Self.run(["archive", "transcript", "GD-0002", "--xapi", "--broker", broker.requests])
        #expect(xapi.status == 0)
        #expect(xapi.output == xapiAgain.output, "a re-export is identical")
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(xapi.output.utf8)) as? [[String: Any]])
        #expect(statements.count == entries.count)

        // Refusals through the query and command paths: stable codes, readable messages.
        let (unknownStatus, unknown) = try await system.cli(["archive", "transcript", "GD-9999"])
        #expect(unknownStatus == 1)
        #expect(unknown["code"] as? String == "archive.unknownMember")
        let month = String(EnrollmentWorkflowTests.chinaTime(Date()).prefix(7))
        let (openStatus, open) = try await system.cli(["archive", "seal", "442000-XL", "--month", month])
        #expect(openStatus == 1)
        #expect(open["code"] as? String == "archive.monthOpen")
        #expect((open["message"] as? String)?.hasPrefix("\(month) has not ended") == true, "\(open)")

        let before = try await Self.snapshot(system)
        #expect(try await archive.stop() == 0)

        // The auditor's check, on the file, with the service stopped.
        let intact = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(intact.status == 0, "\(intact.output)")
        #expect(intact.output.hasPrefix("intact"))
        let store = folder.appendingPathComponent("archive.sqlite").path
        let tampering = try DatabaseQueue(path: store)
        try await tampering.write { db in
            try db.execute(
                sql: "UPDATE entries SET period_id = zeroblob(16) WHERE entry = 1 AND lane = 1 AND member_id = (SELECT id FROM members WHERE number = 'GD-0002')")
        }
        try tampering.close()
        let broken = try await Self.run(["archive", "verify", "--data", folder.path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("member GD-0002 欧阳, 娜娜, enrollment lane, entry 1:"), "\(broken.output)")
        #expect(broken.output.contains("period: now 00000000-0000-0000-0000-000000000000, filed as"), "\(broken.output)")

        // Rebuild: delete the store, start again, catch up from enrollment's replay.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        archive = try await Self.startArchive(broker, folder)
        _ = try await Self.waitForRecords(system)
        let after = try await eventually(within: .seconds(30), "the rebuilt archive to match") {
            let snapshot = try await Self.snapshot(system)
            return snapshot == before ? snapshot : nil
        }
        #expect(after == before)
        #expect(try await archive.stop() == 0)
        let rebuilt = try await Self.run(["archive", "verify", "--data", folder.path, "--json"])
        #expect(rebuilt.status == 0, "\(rebuilt.output)")
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
