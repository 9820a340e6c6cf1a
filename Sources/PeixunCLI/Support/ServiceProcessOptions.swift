import ArgumentParser
import Foundation
import Logging
import PeixunRuntime
import PeixunStore
import PeixunTransport

/// What every service process (`peixun enrollment`, and the others) takes: the broker's three
/// endpoints, the folder of its SQLite file, the heartbeat interval.
struct ServiceProcessOptions: ParsableArguments {
    @Option(help: "The broker's request endpoint.")
    var broker = "tcp://127.0.0.1:5570"

    @Option(help: "The broker's publisher endpoint.")
    var publishers = "tcp://127.0.0.1:5571"

    @Option(help: "The broker's subscriber endpoint.")
    var subscribers = "tcp://127.0.0.1:5572"

    @Option(help: "Folder of the service's SQLite file.")
    var data = "./peixun-data"

    @Option(help: "Heartbeat interval to the broker, in milliseconds (must match the broker's).")
    var heartbeatMilliseconds = 1000

    @OptionGroup var keys: KeyOptions

    @OptionGroup var partitioning: PartitionOptions

    @ArgumentParser.Flag(
        help: "Run as a read replica (reporting, archive): follow the streams into this instance's own store and answer queries beside the other instances; publish nothing, take no commands.")
    var queriesOnly = false

    func endpoints() throws -> ServiceHost.Endpoints {
        ServiceHost.Endpoints(
            requests: broker, publishers: publishers, subscribers: subscribers, curve: try keys.curve())
    }

    /// `<data>/<service>.sqlite`, or `<data>/<service>-<p>.sqlite` for partition p.
    func storePath(_ service: String, partition: ServicePartition? = nil) -> String {
        URL(fileURLWithPath: data).appendingPathComponent(partition.map { "\(service)-\($0.index).sqlite" } ?? "\(service).sqlite").path
    }

    /// The host for `service` on `store`, with this process's endpoints and heartbeat.
    func host(_ service: String, store: ServiceStore, partition: ServicePartition? = nil, logger: Logger) throws -> ServiceHost {
        if partition == nil, partitioning.own != nil {
            throw ValidationError("--own names partitions of a split service; \(service) is not split")
        }
        var host = ServiceHost(service: service, store: store, endpoints: try endpoints(), logger: logger)
        host.heartbeat = .milliseconds(heartbeatMilliseconds)
        host.partition = partition
        guard !queriesOnly || ["reporting", "archive"].contains(service) else {
            throw ValidationError("--queries-only is for the projections (reporting, archive), not \(service): its store is the record")
        }
        host.queriesOnly = queriesOnly
        return host
    }

    /// Logging and the parent watch every service process starts with.
    static func startProcess() {
        LoggingBootstrap.once(level: .info)
        ParentWatch.startIfSupervised()
    }
}
