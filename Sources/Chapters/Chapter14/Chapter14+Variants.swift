import Foundation
import MPI

/// Chapter 14 done wrong (see `ChapterVariants`).
extension Chapter14 {
  static var variants: [String: () -> Never] {
    [
      // count / ranks each, as in the source chapter's example: the remainder belongs to nobody.
      "14-block-drops-remainder": { check(with(blockOwned: blockDropsRemainder)) },
      // Rounding both ends of the range outwards "to be safe": neighbours share an object.
      "14-block-rounds-outward": { check(with(blockOwned: blockRoundsOutward)) },
      // Chunks of ⌈count / ranks⌉: every object once, but the last rank is short by up to ranks − 1.
      "14-block-ceil-chunks": { check(with(blockOwned: blockCeilChunks)) },
      // Balanced and contiguous, but the extra objects go to the last ranks.
      "14-block-remainder-at-end": { check(with(blockOwned: blockRemainderAtEnd)) },
      // Counting from one: object 0 is nobody's, and `count` is owned although it does not exist.
      "14-cyclic-from-one": {
        check(with(cyclicOwned: { rank, ranks, count in Array(stride(from: rank + 1, through: count, by: ranks)) }))
      },
      // Halves at every cut: right for 2 and 4 parts, 1/2 : 1/4 : 1/4 for 3.
      "14-kd-halves-only": {
        check(with(kdParts: { items, parts in kdSplit(items, parts, proportional: false, sorted: true) }))
      },
      // Finds the longest axis but cuts the list in id order, never sorting along it.
      "14-kd-unsorted-cut": {
        check(with(kdParts: { items, parts in kdSplit(items, parts, proportional: true, sorted: false) }))
      },
      // max / min instead of max / mean.
      "14-imbalance-max-min": {
        check(
          with(imbalance: { seconds, comm in
            try comm.allReduce(seconds, op: .max) / comm.allReduce(seconds, op: .min)
          }))
      },
      // This rank's time over the mean: right only on the slowest rank.
      "14-imbalance-local": {
        check(
          with(imbalance: { seconds, comm in seconds / (try comm.allReduce(seconds, op: .sum) / Double(comm.size)) }))
      },
      // Hands out every chunk, then returns without telling the workers: they wait forever.
      "14-manager-never-stops": { check(with(manager: managerNeverStops)) },
      // The stop message is empty, so the receive leaves the last chunk in the buffer, and the
      // worker processes the buffer before it looks at the tag: its last chunk twice.
      "14-worker-repeats-chunk": { check(with(manager: managerStopTag, worker: workerChecksStopLate)) },
      // No manager at all: each worker takes its own block of the tasks. Every task once, but a
      // static split in disguise.
      "14-worker-takes-block": {
        check(
          with(
            manager: { _ in },
            worker: { queue in
              for task in blockRange(rank: queue.rank - 1, ranks: queue.size - 1, count: queue.count) {
                queue.process(task)
              }
            }))
      },
    ]
  }

  /// The reference with some functions replaced.
  static func with(
    blockOwned: ((Int, Int, Int) -> [Int])? = nil, cyclicOwned: ((Int, Int, Int) -> [Int])? = nil,
    kdParts: (([Item], Int) -> [[Int]])? = nil, imbalance: ((Double, Communicator) throws -> Double)? = nil,
    manager: ((TaskQueue) throws -> Void)? = nil, worker: ((TaskQueue) throws -> Void)? = nil
  ) -> Learner {
    Learner(
      blockOwned: blockOwned ?? reference.blockOwned, cyclicOwned: cyclicOwned ?? reference.cyclicOwned,
      kdParts: kdParts ?? reference.kdParts, imbalance: imbalance ?? reference.imbalance,
      manager: manager ?? reference.manager, worker: worker ?? reference.worker)
  }

  static func blockDropsRemainder(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    let per = count / ranks
    return Array(rank * per..<(rank + 1) * per)
  }

  static func blockRoundsOutward(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    let per = Double(count) / Double(ranks)
    return Array(Int((Double(rank) * per).rounded(.down))..<Int((Double(rank + 1) * per).rounded(.up)))
  }

  static func blockCeilChunks(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    let chunk = (count + ranks - 1) / ranks
    return Array(min(rank * chunk, count)..<min((rank + 1) * chunk, count))
  }

  static func blockRemainderAtEnd(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    // The same ranges as the reference, handed out from the last rank backwards.
    referenceBlock(ranks - 1 - rank, ranks, count).map { count - 1 - $0 }.reversed()
  }

  /// A k-d split that cuts at half the items (`proportional: false`) or does not sort along
  /// the axis (`sorted: false`).
  static func kdSplit(_ items: [Item], _ parts: Int, proportional: Bool, sorted: Bool) -> [[Int]] {
    if parts == 1 { return [items.map(\.id)] }
    let box = items.reduce(into: (SIMD3<Double>(repeating: .infinity), SIMD3<Double>(repeating: -.infinity))) {
      $0 = (pointwiseMin($0.0, $1.center), pointwiseMax($0.1, $1.center))
    }
    let extent = items.isEmpty ? SIMD3<Double>(repeating: 0) : box.1 - box.0
    let axis = extent.y > extent.x ? (extent.z > extent.y ? 2 : 1) : (extent.z > extent.x ? 2 : 0)
    let order = sorted ? items.sorted { ($0.center[axis], $0.id) < ($1.center[axis], $1.id) } : items
    let low = parts / 2
    let cut = proportional ? items.count * low / parts : items.count / 2
    return kdSplit(Array(order[..<cut]), low, proportional: proportional, sorted: sorted)
      + kdSplit(Array(order[cut...]), parts - low, proportional: proportional, sorted: sorted)
  }

  static func managerNeverStops(_ queue: TaskQueue) throws {
    var request = [Int32(0)]
    var next = 0
    while next < queue.count {
      let status = try queue.comm.receive(into: &request, from: Communicator.anySource, tag: Tag.ask)
      let end = min(next + queue.chunkSize, queue.count)
      try queue.comm.send([Int64(next), Int64(end)], to: status.source, tag: Tag.chunk)
      next = end
    }
  }

  /// The tag of `managerStopTag`'s stop message.
  static let stopTag = 43

  /// The reference manager, but "stop" is an empty message with its own tag.
  static func managerStopTag(_ queue: TaskQueue) throws {
    var request = [Int32(0)]
    var next = 0
    var working = queue.size - 1
    while working > 0 {
      let status = try queue.comm.receive(into: &request, from: Communicator.anySource, tag: Tag.ask)
      if next < queue.count {
        let end = min(next + queue.chunkSize, queue.count)
        try queue.comm.send([Int64(next), Int64(end)], to: status.source, tag: Tag.chunk)
        next = end
      } else {
        try queue.comm.send([Int64](), to: status.source, tag: stopTag)
        working -= 1
      }
    }
  }

  static func workerChecksStopLate(_ queue: TaskQueue) throws {
    var chunk: [Int64] = [0, 0]
    var tag = Tag.chunk
    repeat {
      try queue.comm.send([Int32(queue.rank)], to: TaskQueue.manager, tag: Tag.ask)
      tag = try queue.comm.receive(into: &chunk, from: TaskQueue.manager).tag
      for task in Int(chunk[0])..<Int(chunk[1]) { queue.process(task) }
    } while tag != stopTag
  }
}
