import ArgumentParser
import Foundation
import PeixunCodec
import PeixunMessages
import PeixunStore
import ZeroMQ

/// `peixun tail`: prints live events from the bus as they pass the broker, decoded. Stream heads
/// (the "<service>._head" beacons) are not events and are not shown.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print decoded live events from the bus (Ctrl-C to stop)."
    )

    @Option(help: "The broker's subscriber endpoint (XPUB).")
    var subscribers = "tcp://127.0.0.1:5572"

    @Option(help: "Only topics starting with this, e.g. \"enrollment.\" or \"scoring.ScoreRecorded\".")
    var topic = ""

    @Option(help: "Stop after this many events (default: run until interrupted).")
    var count: Int?

    @ArgumentParser.Flag(help: "One JSON object per event and line.")
    var json = false

    @OptionGroup var keys: KeyOptions

    func run() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.sub)
        try socket.connect(subscribers, curve: try keys.curve())
        try socket.subscribe(topic)
        let frames = ZMQFrames(capacity: 4)
        var printed = 0
        while count.map({ printed < $0 }) ?? true {
            guard try socket.receiveMultipart(into: frames), frames.count == 3 else { continue }
            StandardOutput.line(TailLine(frames: frames).rendered(json: json))
            printed += 1
        }
    }
}

/// One event as `tail` prints it: when, which stream and position, which message, its fields.
struct TailLine {
    var topic: String
    var envelope: Result<Envelope, WireError>
    var payload: Result<any WireMessage, WireError>

    init(frames: ZMQFrames) {
        topic = String(decoding: frames.bytes(0), as: UTF8.self)
        envelope = Result { () throws(WireError) in try frames.withFrame(1) { bytes throws(WireError) in try Envelope(decoding: bytes) } }
        payload = Result { () throws(WireError) in try frames.withFrame(2) { bytes throws(WireError) in try MessageRegistry.decode(bytes) } }
    }

    func rendered(json: Bool) -> String {
        json ? JSONValue.object(fields).rendered : text
    }

    /// `<time>  <stream>#<sequence>  <topic>  <fields as JSON>`.
    var text: String {
        let position = (try? envelope.get()).map { "\(ChinaTime.format($0.time))  \($0.stream.storeKey)#\($0.sequence)" }
        let body = (try? payload.get()).map { JSONValue.reflecting($0).rendered }
        return "\(position ?? "(envelope undecodable)")  \(topic)  \(body ?? "(payload undecodable)")"
    }

    var fields: [String: JSONValue] {
        var object: [String: JSONValue] = ["topic": .string(topic)]
        switch envelope {
        case .success(let envelope):
            object["stream"] = .string(envelope.stream.storeKey)
            object["sequence"] = .int(Int64(clamping: envelope.sequence))
            object["time"] = .string(ChinaTime.format(envelope.time))
            object["commandID"] = .string(envelope.commandID.description)
            object["correlationID"] = .string(envelope.correlationID.description)
        case .failure(let error):
            object["envelopeError"] = .string("\(error)")
        }
        switch payload {
        case .success(let message):
            object["type"] = .string(type(of: message).typeName)
            object["event"] = JSONValue.reflecting(message)
        case .failure(let error):
            object["eventError"] = .string("\(error)")
        }
        return object
    }
}
