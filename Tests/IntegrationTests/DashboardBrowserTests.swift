import Foundation
import Synchronization
import Testing

/// The wall screen as a person sees it: Debian's `chromium`, headless, loads the dashboard page
/// of `peixun up` while `peixun demo` drives a town's training day, and reads the figures off the
/// rendered page. They move while the demo runs and end equal to reporting's own view.
@Suite("Dashboard in a headless browser during a demo", .serialized, .timeLimit(.minutes(10)))
struct DashboardBrowserTests {
    /// The demo's root: codes are the scale's letter, the seed in base 36, then `-ZS` (中山市).
    static let root = "TB-ZS"

    @Test("headless Chromium shows a town demo's figures changing while it runs, then reporting's figures once it is done")
    func townDemoOnScreen() async throws {
        let browser = try HeadlessChromium()
        let running = try await RunningUp.start(label: "browser")
        defer { running.stop() }
        let (up, folder, base) = (running.process, running.folder, running.base)
        let dashboard = try #require(
            up.standardOutput.split(separator: "\n").first { $0.contains("dashboard    http://") }, "stdout: \(up.standardOutput)")
        #expect(dashboard.contains("http://127.0.0.1:\(base + 10)/?token=TOKEN"))

        let broker = running.broker
        let demo = try PeixunProcess(["demo", "--scale", "town", "--seed", "11", "--broker", broker, "--json"])
        defer { kill(demo.process.processIdentifier, SIGTERM) }
        // A token names an organisation by code; the board opens once the demo has created it.
        let token = try await Self.token(Self.root, data: folder)
        let page = "http://127.0.0.1:\(base + 10)/?token=\(token)"

        // One tab stays open on the page, as on the wall; it draws what arrives over the stream.
        // While the demo runs: a state drawn, then other figures drawn.
        let wall = try await browser.open(page)
        let first = try await eventually(within: .seconds(120), "the page to show the figures of \(Self.root)") {
            try await browser.figures(wall)
        }
        #expect(first.organisation == "中山市")
        let (moved, duringDemo) = try await eventually(within: .seconds(180), "the figures on screen to change (first: \(first))") {
            let running = demo.process.isRunning
            return try await browser.figures(wall).flatMap { $0.numbers != first.numbers ? ($0, running) : nil }
        }
        #expect(duringDemo, "the change from \(first) to \(moved) was drawn while the demo was still running")

        let status = try await demo.waitForExit(within: .seconds(300))
        #expect(status == 0, "stderr: \(demo.standardError)")
        let summary = try #require(try? ReportingWorkflowTests.json(demo.standardOutput), "stdout: \(demo.standardOutput)")
        #expect(summary["root"] as? String == Self.root)
        #expect(summary["match"] as? Bool == true, "the demo's totals equal reporting's")

        // The demo ends once reporting has caught up with it; then the open tab shows exactly
        // reporting's figures for the root, and so does a tab opened afresh.
        var last: (shown: Figures?, reported: [String: Int]) = (nil, [:])
        for tab in [wall, try await browser.open(page)] {
            let settled = try await eventually(within: .seconds(60), "the page to equal reporting's view (last: \(last))") {
                let reported = try await Self.reported(Self.root, broker: broker)
                let shown = try await browser.figures(tab)
                last = (shown, reported)
                return shown.flatMap { $0.numbers == reported ? $0 : nil }
            }
            #expect(settled.numbers["checkInsToday", default: 0] > 0, "the demo's check-ins are today's")
            #expect(settled.numbers["enrollments", default: 0] > 1_000)
            #expect(settled.numbers["memberTrainings", default: 0] > 0)
        }
        try await browser.close()
        #expect(try await up.stop(within: .seconds(30)) == 0)
    }

    /// The figures at the top of the page: today's check-ins, this month's member-trainings,
    /// trainees planned, enrollments and members who missed training; keyed as the JSON names them.
    struct Figures: Equatable, CustomStringConvertible {
        var organisation: String
        var numbers: [String: Int]
        var description: String { "\(organisation) \(numbers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }

        /// The element id on the page of each figure.
        static let ids = [
            "checkInsToday": "check-ins-today", "memberTrainings": "member-trainings", "plannedTrainees": "planned-trainees",
            "enrollments": "enrollments", "missedTraining": "missed-training",
        ]

        /// What the page shows, as JSON; `null` until it has drawn a state (the body then carries its version).
        static let script = """
            JSON.stringify(document.body === null || document.body.dataset.version === undefined ? null : {
              organisation: document.getElementById("org-name").textContent,
              numbers: Object.fromEntries([\(ids.map { "[\"\($0.key)\", \"\($0.value)\"]" }.sorted().joined(separator: ", "))].map(([key, id]) => [key, document.getElementById(id).textContent]))})
            """

        /// Read from the page's answer to `script`; nil before a state is drawn or if a figure is not a number.
        init?(json: String) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                let organisation = object["organisation"] as? String, let texts = object["numbers"] as? [String: String]
            else { return nil }
            let numbers = texts.compactMapValues { Int($0) }
            guard numbers.count == Self.ids.count else { return nil }
            (self.organisation, self.numbers) = (organisation, numbers)
        }
    }

    /// Debian's `chromium`, headless, with a fresh profile, driven over the DevTools protocol on a
    /// pipe (`--remote-debugging-pipe`: JSON messages ended by NUL on its file descriptors 3 and
    /// 4). A `--dump-dom` run cannot be used: it dumps at the load event, before the state arrives
    /// over Server-Sent Events, and `--virtual-time-budget` never ends while the stream is open.
    final class HeadlessChromium: Sendable {
        let process: Process
        let commands: FileHandle
        let profile: URL
        private let received = Answers()
        private let lastID = Mutex(0)

        /// What chromium wrote, split into messages, the answers kept by command id.
        final class Answers: Sendable {
            private let state = Mutex((pending: Data(), answers: [Int: Data]()))

            func append(_ data: Data) {
                state.withLock { state in
                    state.pending.append(data)
                    while let end = state.pending.firstIndex(of: 0) {
                        let message = state.pending[state.pending.startIndex..<end]
                        state.pending = Data(state.pending[(end + 1)...])
                        if let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any], let id = object["id"] as? Int {
                            state.answers[id] = Data(message)
                        }
                    }
                }
            }

            func take(_ id: Int) -> Data? { state.withLock { $0.answers.removeValue(forKey: id) } }
        }

        init() throws {
            let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw IntegrationError(
                    "chromium is not installed (looked for \(candidates.joined(separator: ", "))): run `bash scripts/install-deps.sh`")
            }
            profile = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-chromium-\(UUID().uuidString)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            // The shell hands our pipes to chromium as descriptors 3 (commands) and 4 (answers).
            process.arguments = [
                "-c", #"exec "$0" "$@" 3<&0 4>&1 >/dev/null </dev/null"#, path, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "about:blank",
            ]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            self.process = process
            commands = input.fileHandleForWriting
            let answers = output.fileHandleForReading
            Thread.detachNewThread { [received] in
                while case let data = answers.availableData, !data.isEmpty { received.append(data) }
            }
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: profile)
        }

        /// Sends one command and waits for its answer's `result`.
        func call(_ method: String, _ parameters: [String: Any], session: String? = nil) async throws -> [String: Any] {
            let id = lastID.withLock { id in
                id += 1
                return id
            }
            var message: [String: Any] = ["id": id, "method": method, "params": parameters]
            if let session { message["sessionId"] = session }
            commands.write(try JSONSerialization.data(withJSONObject: message) + Data([0]))
            let answer = try await eventually(within: .seconds(30), "chromium to answer \(method)") {
                received.take(id)
            }
            guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any], let result = object["result"] as? [String: Any]
            else { throw IntegrationError("chromium: \(method): \(String(decoding: answer, as: UTF8.self))") }
            return result
        }

        /// Opens `url` in a new tab; the session to talk to it.
        func open(_ url: String) async throws -> String {
            let target = try #require(try await call("Target.createTarget", ["url": url])["targetId"] as? String)
            return try #require(try await call("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String)
        }

        /// The figures the tab shows now, or nil while it has not drawn a state (or is still
        /// loading: the script may then find no document or lose its context to the navigation).
        func figures(_ session: String) async throws -> Figures? {
            guard process.isRunning else { throw IntegrationError("chromium exited (status \(process.terminationStatus))") }
            let answer = try? await call("Runtime.evaluate", ["expression": Figures.script, "returnByValue": true], session: session)
            return ((answer?["result"] as? [String: Any])?["value"] as? String).flatMap { Figures(json: $0) }
        }

        func close() async throws {
            _ = try await call("Browser.close", [:])
            try await eventually(within: .seconds(15), "chromium to exit") { process.isRunning ? nil : true }
        }
    }

    /// `peixun token --org CODE --data DIR`: the token it prints.
    static func token(_ organisation: String, data: URL) async throws -> String {
        let process = try PeixunProcess(["token", "--org", organisation, "--data", data.path])
        #expect(try await process.waitForExit() == 0, "stderr: \(process.standardError)")
        return process.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `peixun report dashboard --org CODE --json`: reporting's figures, keyed as `Figures` (and
    /// as the dashboard's JSON names them).
    static func reported(_ organisation: String, broker: String) async throws -> [String: Int] {
        let process = try PeixunProcess(["report", "dashboard", "--org", organisation, "--json", "--broker", broker])
        #expect(try await process.waitForExit() == 0, "stderr: \(process.standardError)")
        guard let view = try? ReportingWorkflowTests.json(process.standardOutput) else {
            throw IntegrationError("peixun report dashboard --org \(organisation): \(process.standardOutput) \(process.standardError)")
        }
        var numbers: [String: Int] = Figures.ids.keys.reduce(into: [:]) { numbers, key in numbers[key] = view[key] as? Int }
        // Reporting gives today's check-ins per minute; the page shows their sum.
        numbers["checkInsToday"] = (view["checkInsPerMinute"] as? [[String: Any]])?.compactMap { $0["checkIns"] as? Int }.reduce(0, +)
        return numbers
    }
}
