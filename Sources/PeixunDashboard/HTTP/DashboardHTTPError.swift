import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A refusal as the API sends it: a status and `{"error": "…"}`.
enum DashboardHTTPError: Error, Sendable {
    case unauthorised(String)
    case forbidden(String)
    case notFound(String)
    case unavailable(String)

    var status: HTTPResponse.Status {
        switch self {
        case .unauthorised: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .unavailable: .serviceUnavailable
        }
    }

    var message: String {
        switch self {
        case .unauthorised(let message), .forbidden(let message), .notFound(let message), .unavailable(let message): message
        }
    }

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if case .unauthorised = self { headers[.wwwAuthenticate] = "Bearer" }
        let body = #"{"error":\#(JSONText.quoted(message)),"status":\#(status.code)}"#
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// JSON string quoting without an encoder (for the error bodies).
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
