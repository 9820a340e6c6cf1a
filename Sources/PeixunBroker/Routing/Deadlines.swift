/// A binary min-heap of request deadlines: O(log n) insert and pop, O(1) peek.
///
/// Clients choose their own timeouts, so arrival order is not deadline order and a FIFO will not
/// do. Answered requests are not removed from the middle of the heap (that would need an index
/// per request); the router skips them when they surface and rebuilds the heap when they
/// outnumber the live ones, which keeps both time (amortised) and memory (2× live) bounded.
struct DeadlineHeap: Sendable {
    struct Entry: Sendable {
        /// When the request's client must be answered, in router nanoseconds.
        var deadline: UInt64
        /// The request's ticket; also breaks ties so that equal deadlines expire in arrival order.
        var ticket: UInt64

        func precedes(_ other: Entry) -> Bool {
            (deadline, ticket) < (other.deadline, other.ticket)
        }
    }

    private(set) var entries: [Entry] = []

    init() {}

    var count: Int { entries.count }

    /// The earliest entry.
    var min: Entry? { entries.first }

    mutating func insert(deadline: UInt64, ticket: UInt64) {
        entries.append(Entry(deadline: deadline, ticket: ticket))
        siftUp(entries.count - 1)
    }

    @discardableResult
    mutating func popMin() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let earliest = entries.removeLast()
        if !entries.isEmpty { siftDown(0) }
        return earliest
    }

    /// Keeps the entries for which `keep` is true: O(n) filter and heapify.
    mutating func retain(where keep: (Entry) -> Bool) {
        entries.removeAll { !keep($0) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            var smallest = left
            let right = left + 1
            if right < entries.count, entries[right].precedes(entries[left]) { smallest = right }
            guard entries[smallest].precedes(entries[parent]) else { return }
            entries.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
