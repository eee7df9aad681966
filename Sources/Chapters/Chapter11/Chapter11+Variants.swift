import MPI

/// Chapter 11 done wrong (see `ChapterVariants`).
extension Chapter11 {
  static var variants: [String: () -> Never] {
    [
      // The root sends to everyone itself: right data, but the root does all the work.
      "11-linear-broadcast": { check(with(treeBroadcast: linearBroadcast)) },
      // Each rank passes the data on to the next: right data, but n - 1 hops.
      "11-chain-broadcast": { check(with(treeBroadcast: chainBroadcast)) },
      // tasks / size each, as in the source chapter: the remainder is never handed out.
      "11-integer-division-split": { check(with(distributeTasks: equalChunks)) },
      // An inclusive scan where the exclusive one is needed.
      "11-inclusive-offset": { check(with(summarize: inclusiveSummary)) },
      // The tree in relative ranks, but messages addressed to relative ranks too: right from
      // root 0, and from root 1 a rank waits for a parent that never sends: a deadlock.
      "11-relative-ranks-unconverted": { check(with(treeBroadcast: unconvertedTree)) },
    ]
  }

  static func unconvertedTree(_ values: inout [Double], _ root: Int, _ net: Messenger) throws {
    let relative = (net.rank - root + net.size) % net.size
    var mask = 1
    while mask < net.size {
      if relative & mask != 0 {
        try net.receive(into: &values, from: relative - mask)
        break
      }
      mask <<= 1
    }
    mask >>= 1
    while mask > 0 {
      if relative + mask < net.size { try net.send(values, to: relative + mask) }
      mask >>= 1
    }
  }

  /// The reference with one function replaced.
  static func with(
    treeBroadcast: ((inout [Double], Int, Messenger) throws -> Void)? = nil,
    distributeTasks: (([Int32]?, Communicator) throws -> [Int32])? = nil,
    summarize: (([Double], Communicator) throws -> Summary)? = nil
  ) -> Learner {
    Learner(
      treeBroadcast: treeBroadcast ?? reference.treeBroadcast,
      distributeTasks: distributeTasks ?? reference.distributeTasks, summarize: summarize ?? reference.summarize)
  }

  static func linearBroadcast(_ values: inout [Double], _ root: Int, _ net: Messenger) throws {
    if net.rank == root {
      for r in 0..<net.size where r != root { try net.send(values, to: r) }
    } else {
      try net.receive(into: &values, from: root)
    }
  }

  static func chainBroadcast(_ values: inout [Double], _ root: Int, _ net: Messenger) throws {
    let relative = (net.rank - root + net.size) % net.size
    if relative > 0 { try net.receive(into: &values, from: (net.rank + net.size - 1) % net.size) }
    if relative < net.size - 1 { try net.send(values, to: (net.rank + 1) % net.size) }
  }

  static func equalChunks(_ tasks: [Int32]?, _ world: Communicator) throws -> [Int32] {
    let total = try world.broadcast(tasks?.count ?? 0, root: world.size - 1)
    let per = total / world.size
    return try world.scatter(Array((tasks ?? []).prefix(per * world.size)), chunk: per, root: world.size - 1)
  }

  static func inclusiveSummary(_ results: [Double], _ world: Communicator) throws -> Summary {
    Summary(
      total: try world.allReduce(results.reduce(0, +), op: .sum),
      largest: try world.allReduce(results.max() ?? 0, op: .max),
      offset: try world.scan(results.count, op: .sum))
  }
}
