import MPI

/// What a hand-written broadcast needs from the network: its place among the ranks, and a
/// blocking send and receive. The chapter's `Messenger` is one (it also counts and tracks
/// hops); `CommunicatorLink` is the bare communicator the demo times against `MPI_Bcast`. The
/// call site is passed on to MPI, so that a deadlock or an error names the caller's line.
protocol PointToPointLink {
  var rank: Int { get }
  var size: Int { get }
  func send(_ values: [Double], to destination: Int, file: StaticString, line: UInt) throws
  func receive(into values: inout [Double], from source: Int, file: StaticString, line: UInt) throws
}

extension Chapter11.Messenger: PointToPointLink {}

/// Plain `MPI_Send` / `MPI_Recv` on one communicator with one tag.
struct CommunicatorLink: PointToPointLink {
  let comm: Communicator
  let tag: Int
  var rank: Int { comm.rank }
  var size: Int { comm.size }
  func send(_ values: [Double], to destination: Int, file: StaticString = #fileID, line: UInt = #line) throws {
    try comm.send(values, to: destination, tag: tag, file: file, line: line)
  }
  func receive(into values: inout [Double], from source: Int, file: StaticString = #fileID, line: UInt = #line) throws {
    try comm.receive(into: &values, from: source, tag: tag, file: file, line: line)
  }
}

/// Chapter 11's answer key, used by the demo and by the variants (for the parts they get right).
extension Chapter11 {
  /// The three functions done right.
  static var reference: Learner {
    Learner(
      treeBroadcast: { try referenceBroadcast(&$0, root: $1, $2) },
      distributeTasks: referenceDistribute, summarize: referenceSummarize)
  }

  /// A binomial tree: in round k the ranks that have the data (relative ranks below 2^k) send
  /// to the rank 2^k further on, so the data reaches everyone in ⌈log₂ n⌉ rounds.
  static func referenceBroadcast<Link: PointToPointLink>(_ values: inout [Double], root: Int, _ link: Link) throws {
    let n = link.size
    let relative = (link.rank - root + n) % n
    var mask = 1
    while mask < n {
      if relative & mask != 0 {
        try link.receive(into: &values, from: (relative - mask + root) % n, file: #fileID, line: #line)
        break
      }
      mask <<= 1
    }
    mask >>= 1
    while mask > 0 {
      if relative + mask < n { try link.send(values, to: (relative + mask + root) % n, file: #fileID, line: #line) }
      mask >>= 1
    }
  }

  /// Block counts from the task count the root broadcasts, then `MPI_Scatterv` from the root
  /// (the last rank).
  static func referenceDistribute(_ tasks: [Int32]?, _ world: Communicator) throws -> [Int32] {
    let root = world.size - 1
    let total = try world.broadcast(tasks?.count ?? 0, root: root)
    return try world.scatter(tasks ?? [], counts: blockCounts(total: total, size: world.size), root: root)
  }

  /// Two all-reductions and an exclusive scan of the result counts.
  static func referenceSummarize(_ results: [Double], _ world: Communicator) throws -> Summary {
    Summary(
      total: try world.allReduce(results.reduce(0, +), op: .sum),
      largest: try world.allReduce(results.max() ?? 0, op: .max),
      offset: try world.exclusiveScan(results.count, op: .sum) ?? 0)
  }
}
