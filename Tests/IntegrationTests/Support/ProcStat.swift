import Foundation

/// The fields of `/proc/<pid>/stat` the tests read: the state (R, S, T for stopped, Z…) and the
/// parent's pid.
struct ProcStat {
    var state: Substring
    var parent: pid_t

    init?(_ pid: pid_t) {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
        guard let stat = Self.read("/proc/\(pid)/stat").map({ String(decoding: $0, as: UTF8.self) }),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let parent = pid_t(fields[1]) else { return nil }
        state = fields[0]
        self.parent = parent
    }

    /// One line per thread of `pid`: name, state, what it waits in, and its signal masks
    /// (pending to the thread, pending to the process, blocked, caught), as /proc shows them.
    static func threadReport(_ pid: pid_t) -> String {
        let folder = "/proc/\(pid)/task"
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return "(no /proc entry: gone)" }
        return tasks.sorted().map { task in
            let text = { (name: String) in read("\(folder)/\(task)/\(name)").map { String(decoding: $0, as: UTF8.self) } ?? "" }
            let wanted = ["State:", "SigPnd:", "ShdPnd:", "SigBlk:", "SigCgt:"]
            let status = text("status").split(separator: "\n").filter { line in wanted.contains { line.hasPrefix($0) } }
            let fields = status.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            let comm = text("comm").trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(task) \(comm) wchan=\(text("wchan")) \(fields.joined(separator: " "))"
        }.joined(separator: "\n")
    }

    /// A /proc file's bytes (their size is 0 to stat, so read to the end).
    static func read(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd()
    }
}
