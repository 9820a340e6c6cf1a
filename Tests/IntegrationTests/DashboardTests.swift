import Foundation
import Testing

/// `peixun dashboard` as the organisation department runs it: the broker, enrollment, scoring,
/// reporting and the dashboard as processes; tokens made with `peixun token`; a lesson going on
/// now, and a check-in through the command line that the JSON state and the event stream show.
@Suite("Dashboard end to end: tokens, scopes, live state and Server-Sent Events", .timeLimit(.minutes(5)))
struct DashboardTests {
    /// Everything running, with the organisation tree of `EnrollmentWorkflowTests` plus a county
    /// outside 442000-01 (442000-02), and a lesson of DX-01 going on now at two venues.
    struct World {
        let folder: URL
        let broker: BrokerFixture
        let processes: [PeixunProcess]
        let dashboard: PeixunProcess
        let url: String
        let system: EnrollmentWorkflowTests.System
        let lesson: String

        static func start() async throws -> World {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-dashboard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let broker = try await BrokerFixture.start()
            let enrollment = try await broker.startService("enrollment", data: folder)
            let scoring = try await broker.startService("scoring", data: folder)
            let reporting = try await broker.startService("reporting", data: folder)
            let dashboard = try PeixunProcess([
                "dashboard", "--broker", broker.requests, "--subscribers", broker.subscribers, "--http", "127.0.0.1:0",
                "--data", folder.path,
            ])
            let ready = try await dashboard.waitForLine(startingWith: "peixun dashboard ready url=")
            let url = String(ready.dropFirst("peixun dashboard ready url=".count))
            let system = EnrollmentWorkflowTests.System(broker: broker, service: enrollment, folder: folder)
            let lesson = try await Self.trainingDay(system)
            return World(
                folder: folder, broker: broker, processes: [enrollment, scoring, reporting], dashboard: dashboard, url: url,
                system: system, lesson: lesson)
        }

        /// The tree, the roster, a course and instructor, DX-01 with a lesson from ten minutes ago
        /// to fifty minutes from now (main venue DX-101, branch venue XL-A), two members enrolled.
        static func trainingDay(_ system: EnrollmentWorkflowTests.System) async throws -> String {
            for (code, name, kind, parent) in [
                ("442000", "中山市", "city", nil), ("442000-01", "中山市直", "county", "442000"),
                ("442000-XL", "小榄镇", "town", "442000-01"), ("442000-XL-01", "永宁社区党委", "village", "442000-XL"),
                ("442000-DX", "中山市委党校", "school", "442000"), ("442000-02", "火炬开发区", "county", "442000"),
            ] as [(String, String, String, String?)] {
                try await system.accepted(
                    ["org", "create", "--code", code, "--name", name, "--kind", kind] + (parent.map { ["--parent", $0] } ?? []))
            }
            let file = system.folder.appendingPathComponent("roster.csv")
            try EnrollmentWorkflowTests.roster.write(to: file, atomically: true, encoding: .utf8)
            try await system.accepted(["member", "import", file.path])
            try await system.accepted([
                "course", "add", "--code", "LV-01", "--name", "二十届三中全会精神直播课", "--module", "political-theory",
                "--credit-hours", "2", "--mode", "live",
            ])
            try await system.accepted([
                "instructor", "add", "--code", "T-01", "--name", "李娜", "--kind", "party-school-teacher", "--organisation", "442000-DX",
            ])
            let now = Date()
            let chinaTime = EnrollmentWorkflowTests.chinaTime
            try await system.accepted([
                "class", "schedule", "--code", "DX-01", "--name", "村（社区）党员轮训班", "--organiser", "442000-DX",
                "--period", "\(chinaTime(now - 86_400)),\(chinaTime(now + 86_400)),30",
            ])
            let booked = try await system.accepted([
                "class", "lesson", "--class", "DX-01", "--period", "1", "--course", "LV-01", "--instructor", "T-01",
                "--start", chinaTime(now - 600), "--end", chinaTime(now + 3000), "--venue", "DX-101,市委党校101教室,120",
                "--branch-venue", "XL-A,小榄镇分会场,80",
            ])
            for member in ["GD-0001", "GD-0002"] { try await system.accepted(["enroll", member, "--class", "DX-01", "--period", "1"]) }
            return try #require(booked["lesson"] as? String)
        }

        /// `peixun token --org CODE --data <folder>`: the token it prints.
        func token(_ organisation: String) async throws -> String {
            let process = try PeixunProcess(["token", "--org", organisation, "--data", folder.path])
            #expect(try await process.waitForExit() == 0)
            return process.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func get(_ path: String, token: String? = nil) async throws -> LoopbackHTTP.Answer {
            try await LoopbackHTTP.get(url, path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        }

        /// `peixun report dashboard --org CODE --json`: reporting's own view.
        func reported(_ organisation: String) async throws -> [String: Any] {
            let process = try PeixunProcess(["report", "dashboard", "--org", organisation, "--json", "--broker", broker.requests])
            #expect(try await process.waitForExit() == 0)
            return try ReportingWorkflowTests.json(process.standardOutput)
        }

        func stop() async throws {
            #expect(try await dashboard.stop() == 0, "SIGTERM stops the dashboard cleanly")
            for process in processes.reversed() { try await process.stop() }
            try await broker.process.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static let apiRoutes = ["/api/dashboard", "/api/events"]

    /// Checked-in counts of the lesson's venues, as the dashboard's JSON has them.
    static func venueCounts(_ state: [String: Any]) -> [Int] {
        let lessons = state["lessons"] as? [[String: Any]] ?? []
        return (lessons.first?["venues"] as? [[String: Any]] ?? []).compactMap { $0["checkedIn"] as? Int }
    }

    @Test("no token or an unknown token: 401 with a JSON error on every /api route; health needs none; the page is served")
    func unauthorised() async throws {
        let world = try await World.start()
        for route in Self.apiRoutes {
            let none = try await world.get(route)
            #expect(none.status == 401, "\(route)")
            #expect(try none.json()["error"] as? String != nil)
            #expect(try await world.get(route, token: "not-a-token").status == 401, "\(route)")
            #expect(try await world.get(route + "?token=not-a-token").status == 401, "\(route)")
        }
        #expect(try await world.get("/healthz").status == 200)
        let page = try await world.get("/")
        #expect(page.status == 200)
        #expect(page.body.contains(#"<html lang="zh-CN">"#))
        #expect(page.body.contains("实时看板"))
        #expect(try await world.get("/static/dashboard.js").status == 200)
        #expect(try await world.get("/static/../Package.swift").status == 404)
        try await world.stop()
    }

    @Test("a token sees its own subtree and nothing else: 403 outside it (and for unknown codes) on every /api route")
    func scoping() async throws {
        let world = try await World.start()
        let county = try await world.token("442000-01")
        let city = try await world.token("442000")
        for route in Self.apiRoutes {
            for outside in ["442000", "442000-DX", "442000-02", "no-such-org"] {
                let answer = try await world.get("\(route)?org=\(outside)", token: county)
                #expect(answer.status == 403, "\(route) org=\(outside)")
                #expect(try answer.json()["error"] as? String != nil)
            }
        }
        // Inside: its own organisation (the default), a town below it; the city sees everything.
        let own = try await world.get("/api/dashboard", token: county)
        #expect(own.status == 200)
        #expect(try own.json()["organisationCode"] as? String == "442000-01")
        #expect(try await world.get("/api/dashboard?org=442000-XL", token: county).status == 200)
        #expect(try await world.get("/api/dashboard?org=442000-02&token=\(city)").status == 200)
        let events = try LoopbackHTTP.Stream(url: world.url, path: "/api/events?org=442000-XL-01&token=\(county)")
        let first = try await eventually(within: .seconds(20), "the event stream's first state") { events.states.first }
        #expect(first["organisationName"] as? String == "永宁社区党委")
        events.close()
        try await world.stop()
    }

    @Test("a check-in moves the JSON state and the event stream, and they end equal to reporting's")
    func liveCheckIn() async throws {
        let world = try await World.start()
        let city = try await world.token("442000")
        // The board starts from reporting's snapshot: the lesson is there once reporting has it.
        let before = try await eventually(within: .seconds(20), "the lesson on the city's board") {
            let state = try await world.get("/api/dashboard", token: city).json()
            return Self.venueCounts(state) == [0, 0] ? state : nil
        }
        #expect((before["lessons"] as? [[String: Any]])?.first?["className"] as? String == "村（社区）党员轮训班")
        let events = try LoopbackHTTP.Stream(url: world.url, path: "/api/events", headers: ["Authorization": "Bearer \(city)"])
        _ = try await eventually(within: .seconds(20), "the first state on the stream") { events.states.first }

        try await world.system.accepted(["checkin", world.lesson, "--member", "GD-0002", "--method", "roster"])
        try await world.system.accepted(["checkin", world.lesson, "--member", "GD-0001", "--method", "live", "--venue", "XL-A"])

        let streamed = try await eventually(within: .seconds(20), "the stream to show both check-ins") {
            events.states.last.flatMap { Self.venueCounts($0) == [1, 1] ? $0 : nil }
        }
        #expect(streamed["checkInsToday"] as? Int == 2)
        events.close()
        let after = try await world.get("/api/dashboard", token: city).json()
        #expect(Self.venueCounts(after) == [1, 1])
        #expect(after["enrollments"] as? Int == before["enrollments"] as? Int)

        // Reporting's own view, once it has both check-ins, says the same.
        let reported = try await eventually(within: .seconds(20), "reporting to count both check-ins") {
            let view = try await world.reported("442000")
            return Self.venueCounts(view) == [1, 1] ? view : nil
        }
        let reportedMinutes = (reported["checkInsPerMinute"] as? [[String: Any]] ?? []).compactMap { $0["checkIns"] as? Int }
        let shownMinutes = (after["checkInsPerMinute"] as? [[String: Any]] ?? []).compactMap { $0["checkIns"] as? Int }
        #expect(reportedMinutes.reduce(0, +) == shownMinutes.reduce(0, +))
        #expect(reported["enrollments"] as? Int == after["enrollments"] as? Int)
        try await world.stop()
    }
}
