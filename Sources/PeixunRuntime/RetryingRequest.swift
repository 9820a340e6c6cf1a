import PeixunTransport

extension RequestClient {
    /// Sends `body` to `service` until the service answers with something `decode` accepts:
    /// a broker refusal, a timeout or an answer `decode` rejects (returns nil, e.g. `failed`,
    /// which the service does not record) makes another attempt, up to `attempts`. Returns the
    /// answer, or the last problem seen when every attempt failed.
    func requestRetrying<Answer>(
        service: String, partitionKey: String = "", body: [UInt8], timeout: Duration, attempts: Int,
        decode: ([UInt8]) throws -> (answer: Answer?, problem: String)
    ) throws -> Result<Answer, RetriesExhausted> {
        var lastProblem = "none"
        for attempt in 1...max(1, attempts) {
            do {
                let reply = try request(service: service, body: body, timeout: timeout, partitionKey: partitionKey)
                guard reply.status == .ok else {
                    lastProblem = "\(reply.status): \(reply.detail)"
                    // The broker refused the request itself: sending it again cannot help.
                    if reply.status == .invalid { return .failure(RetriesExhausted(attempts: attempt, lastProblem: lastProblem)) }
                    continue
                }
                let (answer, problem) = try decode(reply.body)
                if let answer { return .success(answer) }
                lastProblem = problem
            } catch let error as RequestClientError {
                lastProblem = "\(error)"
            }
        }
        return .failure(RetriesExhausted(attempts: max(1, attempts), lastProblem: lastProblem))
    }
}

/// Every attempt of a retried request failed; `lastProblem` says how the last one did.
struct RetriesExhausted: Error {
    var attempts: Int
    var lastProblem: String
}
