import Foundation
import Testing

/// The reporting service as people run it: the broker, `peixun enrollment` and `peixun reporting`
/// as processes, the training year of `EnrollmentWorkflowTests` driven through the command line,
/// then reports, flags and exports read through `peixun report`, and a rebuild from replay.
@Suite("Reporting end to end: reports, flags, exports and a rebuild from replay", .timeLimit(.minutes(5)))
struct ReportingWorkflowTests {
    /// Runs `peixun <arguments> --broker …`; returns the exit status and standard output.
    static func run(_ arguments: [String], _ broker: BrokerFixture) async throws -> (status: Int32, output: String) {
        let process = try PeixunProcess(arguments + ["--broker", broker.requests])
        let status = try await process.waitForExit()
        return (status, process.standardOutput)
    }

    static func json(_ output: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw IntegrationError("not a JSON object: \(output)")
        }
        return object
    }

    static func startReporting(_ broker: BrokerFixture, _ folder: URL) async throws -> PeixunProcess {
        try await broker.startService("reporting", data: folder)
    }

    /// This month and the one before, `YYYY-MM` in China time.
    static func months() -> (this: String, previous: String) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date())
        let (year, month) = (parts.year!, parts.month!)
        let previous = month == 1 ? (year - 1, 12) : (year, month - 1)
        return (String(format: "%04d-%02d", year, month), String(format: "%04d-%02d", previous.0, previous.1))
    }

    /// Today, `YYYY-MM-DD` in China time.
    static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Whether now (China time) is within three hours of a month's start or end, when the
    /// steps' lessons (ten minutes ago to two hours from now) and their events could fall in two
    /// months and the month's counts would legitimately differ.
    static func nearMonthBoundary() -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let now = Date()
        let margin: TimeInterval = 3 * 3600
        return calendar.component(.month, from: now.addingTimeInterval(-margin)) != calendar.component(.month, from: now)
            || calendar.component(.month, from: now.addingTimeInterval(margin)) != calendar.component(.month, from: now)
    }

    @Test(
        "a training year's monthly report, coverage and flags; published once; the same bytes after deleting the store",
        .enabled(if: !nearMonthBoundary(), "within three hours of a month boundary the lessons straddle two months"))
    func reportsAndRebuild() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-reporting-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try await BrokerFixture.start()
        let enrollment = try await broker.startService(
            "enrollment", data: folder, ["--check-in-code-seconds", "60", "--check-in-grace-minutes", "15"])
        var reporting = try await Self.startReporting(broker, folder)
        try await EnrollmentWorkflowTests.steps(
            EnrollmentWorkflowTests.System(broker: broker, service: enrollment, folder: folder))
        // The steps' lessons run from ten minutes ago to two hours from now: within this month
        // (the test does not run near a month boundary).
        let (month, previous) = Self.months()

        // The year's flags, once the projection has the last event (the refused duplicate):
        // GD-0001 (cancelled) and GD-0004 (never enrolled) missed training; GD-0001, a secretary,
        // had no fallback class; GD-0002's duplicate attempt; DX-02 runs without a plan; the plan
        // P-DX (2 classes, 2 periods, 60 trainees) delivered 1 class, 1 period, 2 trainees.
        let flags = try await eventually(within: .seconds(30), "the reporting projection to catch up") {
            let (status, output) = try await Self.run(["report", "flags", "--json"], broker)
            let flags = status == 0 ? (try Self.json(output)["flags"] as? [[String: Any]]) : nil
            return flags?.contains { $0["kind"] as? String == "duplicate-training" } == true ? flags : nil
        }
        #expect(flags.compactMap { $0["kind"] as? String } == [
            "missed-training", "missed-training", "secretary-without-fallback", "duplicate-training", "unfiled-plan",
            "plan-variance",
        ])
        #expect(flags.compactMap { $0["subjectCode"] as? String } == ["GD-0001", "GD-0004", "GD-0001", "GD-0002", "DX-02", "P-DX"])
        #expect(flags[3]["subjectName"] as? String == "欧阳, 娜娜")
        #expect(flags[5]["detail"] as? String == "计划班次2、期次2、学员60；实际班次1、期次1、学员2", "\(flags[5])")

        let (status, output) = try await Self.run(["report", "monthly", "--org", "442000", "--month", month, "--json"], broker)
        #expect(status == 0, "\(output)")
        let report = try #require(try Self.json(output)["report"] as? [String: Any])
        #expect(report["organisationName"] as? String == "中山市")
        #expect(report["grassrootsPlansFiled"] as? Int == 1)
        #expect(report["classes"] as? Int == 2)
        #expect(report["enrollments"] as? Int == 3, "two seats, one promoted from the waitlist")
        #expect(report["memberTrainings"] as? Int == 2)
        #expect(report["uniqueMembersTrained"] as? Int == 2)
        let coverage = try #require(report["coverage"] as? [[String: Any]])
        #expect(coverage.compactMap { $0["code"] as? String } == ["442000", "442000-01", "442000-XL", "442000-XL-01", "442000-DX"])
        #expect(coverage.compactMap { $0["trainedMembers"] as? Int } == [2, 2, 2, 2, 0])
        #expect(coverage.compactMap { $0["rosterMembers"] as? Int } == [4, 4, 4, 4, 0])
        #expect(coverage.first?["coverage"] as? Double == 0.5)

        // The dashboard's starting state for today (asked for explicitly: the rebuild below must ask for the same day).
        let dashboardArguments = ["report", "dashboard", "--org", "442000", "--day", Self.today(), "--json"]
        let (dashboardStatus, dashboardOutput) = try await Self.run(dashboardArguments, broker)
        #expect(dashboardStatus == 0, "\(dashboardOutput)")
        let dashboard = try Self.json(dashboardOutput)
        #expect(dashboard["organisationName"] as? String == "中山市", "\(dashboardOutput)")
        #expect(dashboard["memberTrainings"] as? Int == 2)
        #expect(dashboard["enrollments"] as? Int == 3)
        let cursors = try #require(dashboard["cursors"] as? [[String: Any]])
        #expect(cursors.compactMap { ($0["stream"] as? [String: Any])?["service"] as? String } == ["enrollment", "scoring"])
        #expect((cursors.first?["appliedThrough"] as? Int ?? 0) > 0, "the projection has applied enrollment's events")
        let dashboardCoverage = try #require(dashboard["coverage"] as? [[String: Any]])
        #expect(dashboardCoverage.compactMap { $0["code"] as? String } == ["442000", "442000-01", "442000-XL", "442000-DX"])
        let latest = try #require(dashboard["flags"] as? [[String: Any]])
        #expect(latest.contains { $0["kind"] as? String == "duplicate-training" })
        let dashboardText = try await Self.run(["report", "dashboard", "--org", "442000-XL"], broker)
        #expect(dashboardText.status == 0)
        #expect(dashboardText.output.hasPrefix("小榄镇 (442000-XL) "), "\(dashboardText.output)")
        #expect(dashboardText.output.contains("永宁社区党委 (442000-XL-01): 2/4 50.0%"), "\(dashboardText.output)")

        let (csvStatus, csv) = try await Self.run(["report", "coverage", "--org", "442000-XL", "--csv"], broker)
        #expect(csvStatus == 0)
        #expect(csv == "code,name,depth,roster_members,trained_members,coverage\r\n442000-XL,小榄镇,0,4,2,0.5000\r\n442000-XL-01,永宁社区党委,1,4,2,0.5000\r\n")

        // Publishing: last month is over and is published once; this month is not over.
        let published = try await Self.run(["report", "publish", "--org", "442000", "--month", previous, "--json"], broker)
        #expect(published.status == 0, "\(published.output)")
        #expect((try Self.json(published.output)["report"] as? [String: Any])?["month"] as? String == previous)
        let early = try await Self.run(["report", "publish", "--org", "442000", "--month", month, "--json"], broker)
        #expect(early.status == 1)
        #expect(try Self.json(early.output)["code"] as? String == "report.monthNotOver")

        // Rebuild: stop, delete the store, start again; replay brings back the same reports.
        let flagsCSV = try await Self.run(["report", "flags", "--csv"], broker).output
        #expect(try await reporting.stop() == 0)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("reporting.sqlite" + suffix))
        }
        reporting = try await Self.startReporting(broker, folder)
        try await eventually(within: .seconds(30), "the rebuilt projection to catch up") {
            let rebuilt = try await Self.run(["report", "flags", "--csv"], broker)
            return rebuilt.output.contains("duplicate-training") ? true : nil
        }
        #expect(try await Self.run(["report", "flags", "--csv"], broker).output == flagsCSV)
        #expect(try await Self.run(["report", "monthly", "--org", "442000", "--month", month, "--json"], broker).output == output)
        // The same figures and the same cursors once the rebuilt store has applied what the first one had.
        try await eventually(within: .seconds(30), "the rebuilt dashboard to equal the first") {
            try await Self.run(dashboardArguments, broker).output == dashboardOutput ? true : nil
        }

        #expect(try await reporting.stop() == 0)
        #expect(try await enrollment.stop() == 0)
        #expect(try await broker.process.stop() == 0)
    }
}
