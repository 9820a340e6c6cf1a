import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Things the optimizer cannot see through: results go to `blackHole` (not optimized, never
// inlined), inputs are built at run time from values it cannot predict.

/// Receives results so their computation cannot be deleted.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}

/// Sums folded from results (the view case adds to it), so they are used.
nonisolated(unsafe) var checksum: Int = 0

/// Monotonic nanoseconds.
@inline(__always)
func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

func fail(_ message: String) -> Never {
    var stderr = StandardError()
    print("peixun-bench: \(message)", to: &stderr)
    exit(2)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
