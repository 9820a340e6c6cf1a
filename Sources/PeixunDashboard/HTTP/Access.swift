import Foundation
import HTTPTypes
import Hummingbird
import PeixunCodec
import PeixunMessages

/// Who may see what: a token opens its organisation and everything below it, nothing else.
/// No token or an unknown one: 401; an organisation outside the token's subtree (or unknown):
/// 403, so a token learns nothing of what is outside it.
struct Access: Sendable {
    let tokens: TokenRegistry
    let boards: BoardWaiter

    /// The organisation code the request may read (its `org`, by default the token's own).
    func organisation(for request: Request) async throws(DashboardHTTPError) -> String {
        guard let token = Self.token(in: request) else { throw .unauthorised("no token: send Authorization: Bearer TOKEN or ?token=") }
        guard let own = tokens.organisation(for: token) else { throw .unauthorised("unknown token") }
        let asked = request.uri.queryParameters.get("org") ?? own
        if asked == own { return own }
        let scope = try await boards.state(of: own).view.organisations
        guard case .organisation(let id) = try await boards.resolution(of: asked), scope.contains(id) else {
            throw .forbidden("organisation \(asked) is not \(own) or below it")
        }
        return asked
    }

    /// `Authorization: Bearer TOKEN`, else `?token=` (a page's EventSource cannot set headers).
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return token }
        }
        return request.uri.queryParameters.get("token").flatMap { $0.isEmpty ? nil : $0 }
    }
}
