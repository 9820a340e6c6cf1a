import Foundation

/// `peixun up` (with `arguments`) on a free block of loopback ports, its data in a new temporary
/// folder, started and waited for until it says "Press Ctrl-C to stop.". Call ``stop()`` (in a
/// `defer`): it sends SIGTERM and removes the folder.
struct RunningUp {
    let process: PeixunProcess
    let folder: URL
    /// The first port: the broker's requests; the dashboard listens on base + 10.
    let base: Int

    var broker: String { "tcp://127.0.0.1:\(base)" }

    static func start(_ arguments: [String] = [], label: String) async throws -> RunningUp {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-\(label)-\(UUID().uuidString)")
        let base = try LoopbackPorts.freeBlock()
        let process = try PeixunProcess(["up", "--data", folder.path, "--base-port", "\(base)"] + arguments)
        let up = RunningUp(process: process, folder: folder, base: base)
        do {
            try await process.waitForLine(startingWith: "Press Ctrl-C to stop.", within: .seconds(120))
        } catch {
            up.stop()
            throw error
        }
        return up
    }

    func stop() {
        kill(process.process.processIdentifier, SIGTERM)
        try? FileManager.default.removeItem(at: folder)
    }
}
