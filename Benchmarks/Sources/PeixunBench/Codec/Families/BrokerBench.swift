import BenchProto
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Broker: `ClientRequest`, the first frame of every request on the request path (every command
/// and query a client sends; its body is the next frame, opaque to the broker).
enum BrokerBench: CodecFamily {
    static func sample(_ random: inout SplitMix64) -> ClientRequest {
        ClientRequest(service: "enrollment", requestID: WireUUID.random(using: &random), timeoutMilliseconds: 5_000)
    }

    static func proto(_ m: ClientRequest) -> Peixun_Bench_ClientRequest {
        var p = Peixun_Bench_ClientRequest()
        p.service = m.service
        p.requestID = m.requestID.protoBytes
        p.timeoutMilliseconds = m.timeoutMilliseconds
        return p
    }

    static func message(_ q: Peixun_Bench_ClientRequest) throws -> ClientRequest {
        ClientRequest(
            service: q.service, requestID: try WireUUID(protoBytes: q.requestID), timeoutMilliseconds: q.timeoutMilliseconds)
    }

    static func json(_ m: ClientRequest) -> ClientRequestJSON {
        ClientRequestJSON(service: m.service, requestID: m.requestID.description, timeoutMilliseconds: m.timeoutMilliseconds)
    }

    static func message(_ j: ClientRequestJSON) throws -> ClientRequest {
        ClientRequest(service: j.service, requestID: try WireUUID(json: j.requestID), timeoutMilliseconds: j.timeoutMilliseconds)
    }

    /// What the broker reads: the service name (to route) and the timeout.
    static func touch(_ view: ClientRequest.View) -> Int {
        Int(view.timeoutMilliseconds) &+ view.service.utf8.count
    }
}

/// The Codable mirror: the request id as text.
struct ClientRequestJSON: Codable, Equatable {
    var service: String
    var requestID: String
    var timeoutMilliseconds: UInt32
}
