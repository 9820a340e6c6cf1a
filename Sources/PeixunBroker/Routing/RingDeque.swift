/// A double-ended queue on a growable ring buffer: O(1) amortised push at either end and pop at
/// the front. Service queues need push-front for requeued requests, which `Array` makes O(n).
/// (swift-collections has `Deque`, but the router depends on nothing but the standard library.)
struct RingDeque<Element> {
    /// Capacity is zero or a power of two, so that wrapping is a mask.
    private var storage: [Element?] = []
    private var head = 0
    private(set) var count = 0

    init() {}

    mutating func pushBack(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    mutating func pushFront(_ element: Element) {
        if count == storage.count { grow() }
        head = (head - 1) & (storage.count - 1)
        storage[head] = element
        count += 1
    }

    mutating func popFront() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head].take()
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// Keeps only the elements for which `keep` is true, in order: O(count). Used to shed entries
    /// that went stale (lazy deletion) once they outnumber the live ones.
    mutating func retain(where keep: (Element) -> Bool) {
        var kept = RingDeque()
        while let element = popFront() {
            if keep(element) { kept.pushBack(element) }
        }
        self = kept
    }

    private mutating func grow() {
        let capacity = max(8, storage.count * 2)
        var grown = [Element?](repeating: nil, count: capacity)
        for offset in 0..<count {
            grown[offset] = storage[(head + offset) & (storage.count - 1)].take()
        }
        storage = grown
        head = 0
    }
}

extension RingDeque: Sendable where Element: Sendable {}
