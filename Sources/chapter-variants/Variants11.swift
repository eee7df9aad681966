import Chapters
import MPI

/// Chapter 11 done wrong.
enum Variants11 {
  static let all: [String: () -> Never] = [
    // The root sends to everyone itself: right data, but the root does all the work.
    "11-linear-broadcast": { Chapter11.check(.init(treeBroadcast: linear, distributeTasks: scatterv, summarize: summary)) },
    // Each rank passes the data on to the next: right data, but n - 1 hops.
    "11-chain-broadcast": { Chapter11.check(.init(treeBroadcast: chain, distributeTasks: scatterv, summarize: summary)) },
    // tasks / size each, as in the source chapter: the remainder is never handed out.
    "11-integer-division-split": { Chapter11.check(.init(treeBroadcast: chain, distributeTasks: equalChunks, summarize: summary)) },
    // An inclusive scan where the exclusive one is needed.
    "11-inclusive-offset": { Chapter11.check(.init(treeBroadcast: binomial, distributeTasks: scatterv, summarize: inclusiveSummary)) },
  ]

  static func linear(_ values: inout [Double], _ root: Int, _ net: Chapter11.Messenger) throws {
    if net.rank == root {
      for r in 0..<net.size where r != root { try net.send(values, to: r) }
    } else {
      try net.receive(into: &values, from: root)
    }
  }

  static func chain(_ values: inout [Double], _ root: Int, _ net: Chapter11.Messenger) throws {
    let relative = (net.rank - root + net.size) % net.size
    if relative > 0 { try net.receive(into: &values, from: (net.rank + net.size - 1) % net.size) }
    if relative < net.size - 1 { try net.send(values, to: (net.rank + 1) % net.size) }
  }

  static func binomial(_ values: inout [Double], _ root: Int, _ net: Chapter11.Messenger) throws {
    let n = net.size, relative = (net.rank - root + n) % n
    var mask = 1
    while mask < n {
      if relative & mask != 0 {
        try net.receive(into: &values, from: (relative - mask + root) % n)
        break
      }
      mask <<= 1
    }
    mask >>= 1
    while mask > 0 {
      if relative + mask < n { try net.send(values, to: (relative + mask + root) % n) }
      mask >>= 1
    }
  }

  static func scatterv(_ tasks: [Int32]?, _ world: Communicator) throws -> [Int32] {
    let total = try world.broadcast(tasks?.count ?? 0, root: world.size - 1)
    let counts = (0..<world.size).map { total / world.size + ($0 < total % world.size ? 1 : 0) }
    return try world.scatter(tasks ?? [], counts: counts, root: world.size - 1)
  }

  static func equalChunks(_ tasks: [Int32]?, _ world: Communicator) throws -> [Int32] {
    let total = try world.broadcast(tasks?.count ?? 0, root: world.size - 1)
    let per = total / world.size
    return try world.scatter(Array((tasks ?? []).prefix(per * world.size)), chunk: per, root: world.size - 1)
  }

  static func summary(_ results: [Double], _ world: Communicator) throws -> Chapter11.Summary {
    Chapter11.Summary(total: try world.allReduce(results.reduce(0, +), op: .sum),
                      largest: try world.allReduce(results.max() ?? 0, op: .max),
                      offset: try world.exclusiveScan(results.count, op: .sum) ?? 0)
  }

  static func inclusiveSummary(_ results: [Double], _ world: Communicator) throws -> Chapter11.Summary {
    Chapter11.Summary(total: try world.allReduce(results.reduce(0, +), op: .sum),
                      largest: try world.allReduce(results.max() ?? 0, op: .max),
                      offset: try world.scan(results.count, op: .sum))
  }
}
