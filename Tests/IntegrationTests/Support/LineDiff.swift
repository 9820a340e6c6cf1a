/// The lines two texts do not share, for an expectation's message: a report of a thousand lines
/// that differs in three says which three, not the whole of both.
func lineDiff(_ expected: String?, _ actual: String?, limit: Int = 20) -> String {
    let old = (expected ?? "").split(separator: "\n", omittingEmptySubsequences: false)
    let new = (actual ?? "").split(separator: "\n", omittingEmptySubsequences: false)
    let changes = new.difference(from: old)
    guard !changes.isEmpty else { return "no line differs" }
    let lines = changes.prefix(limit).map { change -> String in
        switch change {
        case .remove(let offset, let line, _): "- line \(offset + 1): \(line)"
        case .insert(let offset, let line, _): "+ line \(offset + 1): \(line)"
        }
    }
    let more = changes.count > limit ? "\n… and \(changes.count - limit) more" : ""
    return "\(changes.count) lines differ (- expected, + actual):\n" + lines.joined(separator: "\n") + more
}
