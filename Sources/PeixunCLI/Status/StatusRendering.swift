import Foundation
import PeixunCodec
import PeixunMessages
import PeixunRuntime
import PeixunStore

/// `peixun status` for people (aligned columns) and for programs (one JSON object).
enum StatusRendering {
    static func text(_ snapshot: SystemStatus, broker endpoint: String) -> String {
        let b = snapshot.broker
        var lines = [
            "broker \(endpoint)",
            "  events    forwarded \(b.eventsForwarded), dropped \(b.eventsDropped), malformed \(b.busMalformed)",
            "  requests  received \(b.requestsReceived), replied \(b.requestsReplied), failed \(b.requestsFailed), "
                + "requeued \(b.requestsRequeued), malformed frames \(b.malformedFrames), workers expired \(b.workersExpired)",
            "",
        ]
        lines += table([["service", "workers", "queued"]] + b.services.map { [$0.service, "\($0.workers)", "\($0.queued)"] })
        lines += [""] + table([["process", "instance", "since", "malformed requests", "bad bus messages", "batches retried"]]
            + snapshot.services.map { name, status in
                switch status {
                case .success(let view):
                    [name, view.instance, ChinaTime.format(view.startedAt), "\(view.malformedRequests)", "\(view.malformedIgnored)",
                     "\(view.applyFailures)"]
                case .failure(let problem): [name, "DOWN", problem.description]
                }
            })
        let streams = snapshot.services.flatMap { _, status in (try? status.get())?.streams ?? [] }
        lines += [""] + table([["stream", "head", "published"]] + streams.map { [$0.stream.storeKey, "\($0.head)", "\($0.publishedThrough)"] })
        lines += [""] + table([["follower", "stream", "applied", "lag"]] + snapshot.lags.map {
            [$0.follower, $0.stream.storeKey, "\($0.appliedThrough)", $0.lag.map { "\($0)" } ?? "?"]
        })
        return lines.joined(separator: "\n")
    }

    static func json(_ snapshot: SystemStatus) -> JSONValue {
        let services = snapshot.services.map { name, status -> JSONValue in
            switch status {
            case .success(let view):
                var fields = JSONValue.reflecting(view).fields
                fields["running"] = .bool(true)
                return .object(fields)
            case .failure(let problem):
                return .object(["service": .string(name), "running": .bool(false), "problem": .string(problem.description)])
            }
        }
        let lags = snapshot.lags.map { lag -> JSONValue in
            .object([
                "follower": .string(lag.follower), "stream": .string(lag.stream.storeKey),
                "appliedThrough": .int(Int64(clamping: lag.appliedThrough)),
                "lag": lag.lag.map { .int(Int64(clamping: $0)) } ?? .null,
            ])
        }
        return .object(["broker": JSONValue.reflecting(snapshot.broker), "services": .array(services), "lags": .array(lags)])
    }

    /// Rows as aligned columns, each as wide as its widest cell (the names and numbers shown
    /// here are ASCII, so characters and columns agree).
    private static func table(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { cells in
            "  " + cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
    }
}
