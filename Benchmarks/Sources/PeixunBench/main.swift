// peixun-bench: the benchmark binary driven by Benchmarks/run.sh.
//
//   peixun-bench info
//   peixun-bench sizes
//   peixun-bench codec <case> <iterations> [repeats]
//   peixun-bench bus <raw|peixun> <publishers-endpoint> <subscribers-endpoint> <messages>
//   peixun-bench commands <service> <request-endpoint> <total> <inFlight> <clients>
//   peixun-bench enrollment <request-endpoint> <members> <inFlight> <clients>
//   peixun-bench sqlite-raw <owner|projection> <rows> <payload-bytes> <folder>
//   peixun-bench report <results-file> <output.md>
//
// Top-level code is main-actor isolated in Swift 6: it only dispatches.
import Foundation
import ZeroMQ

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "info": print("libzmq \(ZMQ.version.major).\(ZMQ.version.minor).\(ZMQ.version.patch)")
    case "sizes": try CodecCommand.sizes()
    case "report": try Report.run(Array(arguments.dropFirst()))
    case "codec": try CodecCommand.run(Array(arguments.dropFirst()))
    case "bus": try BusCommand.run(Array(arguments.dropFirst()))
    case "commands": try CommandsCommand.run(Array(arguments.dropFirst()))
    case "enrollment": try EnrollmentCommand.run(Array(arguments.dropFirst()))
    case "sqlite-raw": try RawSQLiteCommand.run(Array(arguments.dropFirst()))
    default: fail("usage: peixun-bench sizes | codec <case> <iterations> [repeats] | bus <raw|peixun> <pub> <sub> <n> | commands <service> <endpoint> <total> <inFlight> <clients> | enrollment <endpoint> <members> <inFlight> <clients>")
    }
} catch {
    fail("\(error)")
}
