extension RoutingCore {
    /// Answers every request whose deadline is at or before now: a waiting one with `noWorker` if
    /// its service has no worker at this moment, else `timeout`; one at a worker with `timeout`.
    ///
    /// A request at a worker stays recorded there until the worker replies or is
    /// dropped: the worker is still busy with it, so it keeps using one of the worker's credits.
    mutating func expireDeadlines(into steps: inout [Step]) {
        var shedQueues: Set<Int> = []
        while let top = deadlines.min, top.deadline <= now {
            deadlines.popMin()
            guard let record = records[top.ticket], !record.answered else { continue }
            switch record.state {
            case .waiting:
                forget(top.ticket, key: record.key)
                waitingCount -= 1
                let noWorker = !services.hasWorkers(record.service)
                services.expiredWhileWaiting(record.service)
                shedQueues.insert(record.service)
                if noWorker {
                    counters.requestsFailedNoWorker += 1
                    steps.append(.reply(ticket: top.ticket, record.key, .noWorker, detail: Wording.noWorker(services.name(record.service))))
                } else {
                    counters.requestsFailedTimeout += 1
                    steps.append(.reply(ticket: top.ticket, record.key, .timeout, detail: Wording.timeout))
                }
                services.removeIfUnused(record.service)
            case .inFlight:
                records[top.ticket]!.answered = true
                inFlightCount -= 1
                overdueCount += 1
                counters.requestsFailedTimeout += 1
                steps.append(.reply(ticket: top.ticket, record.key, .timeout, detail: Wording.timeout))
            }
        }
        // A service removed above has no queue left to shed.
        for index in shedQueues where services.contains(index) && services.queueIsMostlyStale(index) {
            shedExpiredEntries(of: index)
        }
    }

    /// Restores the invariant that the top of the deadline heap is a live, unanswered request (so
    /// ``nextWakeup`` never wakes the loop for nothing), and rebuilds the heap once answered
    /// entries outnumber live ones (so it stays within twice the live requests).
    mutating func settleDeadlines() {
        while let top = deadlines.min, records[top.ticket].map({ $0.answered }) ?? true {
            deadlines.popMin()
        }
        let live = waitingCount + inFlightCount
        if deadlines.count > 64, deadlines.count > 2 * live {
            deadlines.retain { entry in records[entry.ticket].map { !$0.answered } ?? false }
        }
    }

    /// Drops queue entries of requests that expired while waiting. O(queue), done only when they
    /// are most of the queue, so O(1) amortised per expiry.
    mutating func shedExpiredEntries(of index: Int) {
        var queue = services.takeQueue(index)
        var kept = RingDeque<UInt64>()
        while let ticket = queue.popFront() {
            if records[ticket]?.state == .waiting { kept.pushBack(ticket) }
        }
        services.replaceQueue(index, with: kept)
    }
}
