import Foundation

/// CPU time and I/O of another process (the service under test) from `/proc/<pid>/stat` and
/// `/proc/<pid>/io` (Linux), read before and after a phase: where its time went, per command,
/// without a profiler slowing it down.
struct ProcessCounters {
    /// User and system CPU, microseconds.
    var userMicroseconds: Double
    var systemMicroseconds: Double
    /// Bytes asked of read/pread and write/pwrite (page cache or not), and write calls.
    var readBytes: Double
    var writtenBytes: Double
    var writeCalls: Double

    init?(pid: Int32) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        userMicroseconds = user / ticks * 1e6
        systemMicroseconds = system / ticks * 1e6
        var values: [String: Double] = [:]
        for line in io.split(separator: "\n") {
            let parts = line.split(separator: ":")
            if parts.count == 2 { values[String(parts[0])] = Double(parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        readBytes = values["rchar"] ?? .nan
        writtenBytes = values["wchar"] ?? .nan
        writeCalls = values["syscw"] ?? .nan
    }

    /// `key=value` fields per command between `self` (before) and `after`.
    func fields(to after: ProcessCounters, commands: Int) -> String {
        let n = Double(commands)
        func f(_ value: Double) -> String { String(format: "%.1f", value / n) }
        return "service_user_us=\(f(after.userMicroseconds - userMicroseconds)) service_sys_us=\(f(after.systemMicroseconds - systemMicroseconds))"
            + " service_read_b=\(f(after.readBytes - readBytes)) service_written_b=\(f(after.writtenBytes - writtenBytes))"
            + " service_writes=\(f(after.writeCalls - writeCalls))"
    }
}
