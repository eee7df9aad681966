import MPI

/// Chapter 14's answer key, used by the checks, the demo and the variants (for the parts they
/// get right). The k-d split itself is `KDSplit` (Shared), which later chapters use too.
extension Chapter14 {
  /// The six functions done right.
  static var reference: Learner {
    Learner(
      blockOwned: referenceBlock, cyclicOwned: referenceCyclic, kdParts: referenceKD,
      imbalance: referenceImbalance, manager: referenceManager, worker: referenceWorker)
  }

  /// The range of ids `rank` owns in a block decomposition: `count / ranks` each, and one more
  /// for the first `count % ranks` ranks.
  static func blockRange(rank: Int, ranks: Int, count: Int) -> Range<Int> {
    let base = count / ranks
    let extra = count % ranks
    let start = rank * base + min(rank, extra)
    return start..<start + base + (rank < extra ? 1 : 0)
  }

  static func referenceBlock(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    Array(blockRange(rank: rank, ranks: ranks, count: count))
  }

  static func referenceCyclic(_ rank: Int, _ ranks: Int, _ count: Int) -> [Int] {
    Array(stride(from: rank, to: count, by: ranks))
  }

  /// The k-d split of the items' centres; parts hold item ids.
  static func referenceKD(_ items: [Item], _ parts: Int) -> [[Int]] {
    KDSplit(points: items.map(\.center), parts: parts).parts.map { $0.map { items[$0].id } }
  }

  /// One reduction for the maximum, one for the sum.
  static func referenceImbalance(_ seconds: Double, _ comm: Communicator) throws -> Double {
    let largest = try comm.allReduce(seconds, op: .max)
    let mean = try comm.allReduce(seconds, op: .sum) / Double(comm.size)
    return mean > 0 ? largest / mean : 1
  }

  /// Tags of the manager–worker conversation.
  enum Tag {
    /// Worker → manager: "give me work" (the payload is unused; the status names the sender).
    static let ask = 41
    /// Manager → worker: [first, end) of the next chunk; an empty range means "stop".
    static let chunk = 42
  }

  /// Answers requests from any worker, in the order they arrive, with the next chunk; once the
  /// tasks are gone, answers each worker's next request with an empty chunk, which tells it to
  /// stop.
  static func referenceManager(_ queue: TaskQueue) throws {
    var next = 0
    var working = queue.size - 1
    var request = [Int32(0)]
    while working > 0 {
      let status = try queue.comm.receive(into: &request, from: Communicator.anySource, tag: Tag.ask)
      let end = min(next + queue.chunkSize, queue.count)
      try queue.comm.send([Int64(next), Int64(end)], to: status.source, tag: Tag.chunk)
      if end == next { working -= 1 }
      next = end
    }
  }

  /// Asks, processes the chunk it gets, asks again; stops at an empty chunk.
  static func referenceWorker(_ queue: TaskQueue) throws {
    var chunk = [Int64](repeating: 0, count: 2)
    while true {
      try queue.comm.send([Int32(queue.rank)], to: TaskQueue.manager, tag: Tag.ask)
      try queue.comm.receive(into: &chunk, from: TaskQueue.manager, tag: Tag.chunk)
      if chunk[0] >= chunk[1] { return }
      for task in Int(chunk[0])..<Int(chunk[1]) { queue.process(task) }
    }
  }
}
