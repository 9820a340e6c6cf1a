import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The page's files, from the target's resources (nothing from the internet: the wall screen's
/// machine has none). Only the listed names are served.
struct PageFiles: Sendable {
    static let types = ["index.html": "text/html; charset=utf-8", "dashboard.js": "text/javascript; charset=utf-8",
                        "dashboard.css": "text/css; charset=utf-8"]
    let files: [String: Data]

    init() {
        var files: [String: Data] = [:]
        for name in Self.types.keys {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
                let data = try? Data(contentsOf: url)
            {
                files[name] = data
            }
        }
        self.files = files
    }

    func response(_ name: String) -> Response {
        guard let data = files[name], let type = Self.types[name] else {
            return DashboardHTTPError.notFound("no such file: \(name)").response
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
