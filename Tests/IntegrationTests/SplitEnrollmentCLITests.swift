import Foundation
import GRDB
import PeixunMessages
import Testing

/// The command-line tools against an enrollment split in two (two `peixun enrollment` processes,
/// `--own 0` and `--own 1`): every command goes to its key's partition by itself; a roster goes
/// in a part per partition, all parts checked before any is written.
@Suite("Enrollment split: the command-line tools", .serialized, .timeLimit(.minutes(3)))
struct SplitEnrollmentCLITests {
    /// Member numbers of partition `index` of 2.
    static func numbers(partition index: Int, count: Int) -> [String] {
        Array((1...).lazy.map { String(format: "GD-%04d", $0) }.filter { PartitionKey.partition(of: $0, count: 2) == index }.prefix(count))
    }

    static func members(_ folder: URL, partition: Int) throws -> (rows: Int, registered: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: folder.appendingPathComponent("enrollment-\(partition).sqlite").path, configuration: configuration).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM peixun_outbox WHERE topic = 'enrollment.MemberRegistered'") ?? -1)
        }
    }

    @Test("org create reaches each code's partition; a roster with a bad row in one partition's part writes nothing anywhere; corrected, each partition registers its own members and holds all of them")
    func rosterAcrossPartitions() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-split-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let split = ["--partitions", "enrollment=2"]
        let services = [
            try await broker.startService("enrollment", data: folder, split + ["--own", "0"]),
            try await broker.startService("enrollment", data: folder, split + ["--own", "1"]),
        ]
        defer { for service in services { kill(service.process.processIdentifier, SIGKILL) } }

        // A parent may be another partition's: a child is refused as unknown until its partition has
        // the parent's event (milliseconds), so each is retried until taken.
        for (code, name, kind, parent) in [
            ("442000", "中山市", "city", nil), ("442000-01", "中山市直", "county", "442000"),
            ("442000-XL", "小榄镇", "town", "442000-01"), ("442000-XL-01", "永宁社区党委", "village", "442000-XL"),
        ] as [(String, String, String, String?)] {
            try await eventually(within: .seconds(20), "org create \(code)") { () async throws -> Bool? in
                let (status, _) = try await EnrollmentServiceTests.cli(
                    ["org", "create", "--broker", broker.requests, "--code", code, "--name", name, "--kind", kind] + (parent.map { ["--parent", $0] } ?? []))
                return status == 0 ? true : nil
            }
        }
        let (first, second) = (Self.numbers(partition: 0, count: 2), Self.numbers(partition: 1, count: 2))
        let rows = (first + second).enumerated().map { index, number in
            "\(number),党员\(index),\(index == 3 ? "442000-XX-99" : "442000-XL-01"),village,2020-07-01"
        }
        let file = folder.appendingPathComponent("roster.csv")
        try (["member_id,name,branch_code,categories,joined"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        try await eventually(within: .seconds(20), "both partitions to know the village") { () async throws -> Bool? in
            let (status, output) = try await EnrollmentServiceTests.cli(["org", "tree", "--broker", broker.requests, "442000-XL-01"])
            return status == 0 && output.contains("永宁社区党委") ? true : nil
        }
        let (refused, refusal) = try await EnrollmentServiceTests.cli(["member", "import", "--broker", broker.requests, file.path] + split)
        #expect(refused == 1)
        #expect(refusal.contains("line 5: branch 442000-XX-99 does not exist") && refusal.contains("none was written"), "\(refusal)")
        #expect(try Self.members(folder, partition: 0).rows == 0 && Self.members(folder, partition: 1).rows == 0)

        try (["member_id,name,branch_code,categories,joined"] + rows.map { $0.replacingOccurrences(of: "442000-XX-99", with: "442000-XL-01") })
            .joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let (imported, report) = try await EnrollmentServiceTests.cli(["member", "import", "--broker", broker.requests, file.path] + split)
        #expect(imported == 0, "\(report)")
        #expect(report.contains("registered 4 member(s), 0 unchanged, 0 skipped"), "\(report)")
        try await eventually(within: .seconds(20), "each partition to hold all 4 members, 2 registered by each") { () async throws -> Bool? in
            try (0...1).allSatisfy { try Self.members(folder, partition: $0) == (4, 2) } ? true : nil
        }
        for number in first + second {
            let (status, output) = try await EnrollmentServiceTests.cli(["member", "show", "--broker", broker.requests, number])
            #expect(status == 0 && output.contains(number), "\(output)")
        }
    }
}
