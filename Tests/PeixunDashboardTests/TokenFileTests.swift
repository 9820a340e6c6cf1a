import Foundation
import PeixunDashboard
import Synchronization
import Testing

@Suite("The dashboard's token file")
struct TokenFileTests {
    @Test("tokens issued at the same moment from many threads are all kept, each as its hash, the file mode 0600")
    func concurrentIssuesKeepEveryToken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peixun-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = TokenFile(data: folder.path)
        let count = 24
        let issued = IssuedTokens()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            issued.add(Result { try file.issue(for: index.isMultiple(of: 2) ? "442000" : "小榄镇-\(index)") })
        }
        let tokens = try issued.all.map { try $0.get() }
        let stored = try file.read().tokens
        #expect(stored.count == count, "every token kept")
        #expect(Set(stored.map(\.sha256)) == Set(tokens.map(TokenFile.hash)), "each token stored as its SHA-256, none in clear")
        #expect(stored.filter { $0.organisationCode.hasPrefix("小榄镇") }.count == count / 2, "Chinese codes intact")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// Results gathered from the threads of `concurrentPerform`.
private final class IssuedTokens: Sendable {
    private let results = Mutex<[Result<String, any Error>]>([])
    func add(_ result: Result<String, any Error>) { results.withLock { $0.append(result) } }
    var all: [Result<String, any Error>] { results.withLock { $0 } }
}
