import Foundation
import PeixunCodec
import PeixunMessages
import PeixunTransport
import Testing
import ZeroMQ

/// The enrollment service as a user runs it: the broker and `peixun enrollment` as processes,
/// and the `peixun org` / `peixun member` command-line tools talking to them.
@Suite("Enrollment service end to end", .timeLimit(.minutes(3)))
struct EnrollmentServiceTests {
    /// Runs `peixun <arguments>` to completion: (exit status, standard output).
    static func cli(_ arguments: [String]) async throws -> (Int32, String) {
        let process = try PeixunProcess(arguments)
        let status = try await process.waitForExit()
        return (status, process.standardOutput)
    }

    static let roster = """
        member_id,name,branch_code,categories,joined
        GD-0001,张伟,442000-XL-01,village;branch_secretary,1998-07-01
        GD-0002,"欧阳, 娜娜",442000-XL-01,community,2023-03-15
        GD-0003,李强,442000-DX,,
        GD-0004,王芳,442000-XX-99,,
        GD-0005,,442000-XL-01,,
        """

    @Test("organisations and a roster through the CLI: bad rows refuse the file, --skip-invalid imports the rest, twice changes nothing")
    func rosterEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let service = try await broker.startService("enrollment", data: folder)

        for (code, name, kind, parent) in [
            ("442000", "中山市", "city", nil), ("442000-01", "中山市直", "county", "442000"),
            ("442000-XL", "小榄镇", "town", "442000-01"), ("442000-XL-01", "永宁社区党委", "village", "442000-XL"),
            ("442000-DX", "中山市委党校", "school", "442000"),
        ] as [(String, String, String, String?)] {
            let (status, output) = try await Self.cli(
                ["org", "create", "--broker", broker.requests, "--code", code, "--name", name, "--kind", kind]
                    + (parent.map { ["--parent", $0] } ?? []))
            #expect(status == 0, "org create \(code): \(output)")
        }
        let (wrongStatus, wrongOutput) = try await Self.cli(
            ["org", "create", "--broker", broker.requests, "--code", "V-2", "--name", "村", "--kind", "village", "--parent", "442000", "--json"])
        #expect(wrongStatus == 1)
        #expect(wrongOutput.contains("\"code\":\"organisation.wrongParent\""))

        let file = folder.appendingPathComponent("roster.csv")
        try Self.roster.write(to: file, atomically: true, encoding: .utf8)
        let (refused, refusal) = try await Self.cli(["member", "import", "--broker", broker.requests, file.path])
        #expect(refused == 1)
        #expect(refusal.contains("line 6"), "the empty name is reported with its line: \(refusal)")
        // The file-level problem stops the import before anything is sent.

        let (partial, report) = try await Self.cli(["member", "import", "--broker", broker.requests, "--skip-invalid", file.path])
        #expect(partial == 0, "\(report)")
        #expect(report.contains("registered 3 member(s), 0 unchanged, 2 skipped"), "\(report)")
        #expect(report.contains("line 5: branch 442000-XX-99 does not exist"), "\(report)")

        let (again, second) = try await Self.cli(["member", "import", "--broker", broker.requests, "--skip-invalid", "--json", file.path])
        #expect(again == 0)
        #expect(second.contains("\"registered\":0"), "\(second)")
        #expect(second.contains("\"unchanged\":3"), "\(second)")

        // What subscribers get: 5 organisations then 3 members, read back through replay.
        let batch = try await DedicatedThread.run(name: "test-replay") { [requests = broker.requests] in
            let client = try RequestClient(context: try ZMQContext(), broker: requests)
            let request = try ReplayRequest(stream: StreamID(service: "enrollment", partition: 0), after: 0, limit: 100).encoded()
            let reply = try client.request(service: "enrollment.replay", body: request)
            return try ReplayBatch(decoding: reply.body)
        }
        #expect(batch.head == 8)
        let members = try batch.events.filter { $0.envelope.eventType == MemberRegistered.typeID }
            .map { try MemberRegistered(decoding: $0.payload) }
        #expect(members.map(\.name) == ["张伟", "欧阳, 娜娜", "李强"])
        #expect(members.first?.categories == [.village, .branchSecretary])
        #expect(try await service.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
