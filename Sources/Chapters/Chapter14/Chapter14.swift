import Foundation
import MPI
import WorkbookKit

/// Chapter 14, decomposition and load balance: which rank owns which object of a scene (block,
/// cyclic, k-d), how uneven the work then is (max / mean of the ranks' times), and a
/// manager–worker scheme that hands out work to whichever rank asks.
public enum Chapter14 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "14-decomposition-and-load-balance"

  /// One object of the scene as the decompositions see it.
  public struct Item: Sendable, Equatable {
    /// The object's index in the scene, the same on every rank: 0 ..< count.
    public let id: Int
    /// Its centre in world coordinates.
    public let center: SIMD3<Double>
    /// Triangles in its mesh: what it costs to process.
    public let triangles: Int

    /// An item from its three properties.
    public init(id: Int, center: SIMD3<Double>, triangles: Int) {
      self.id = id
      self.center = center
      self.triangles = triangles
    }
  }

  /// Tasks `0 ..< count` to be handed out by a manager (rank 0) to workers (every other rank),
  /// and the communicator to do it on.
  ///
  /// The harness calls your manager on rank 0 and your worker on the others with the same
  /// queue. A worker does a task by calling `process(_:)`, which runs the task's computation
  /// and measures it: you decide who does what, the harness times it.
  public final class TaskQueue {
    /// The communicator for your messages: a duplicate of the world, so that nothing you send
    /// can be mistaken for a message of the harness.
    public let comm: Communicator
    /// Tasks are numbered 0 ..< count.
    public let count: Int
    /// How many consecutive tasks the manager hands out at a time (the last chunk may be
    /// shorter).
    public let chunkSize: Int
    /// The rank that hands out work.
    public static let manager = 0

    let costs: [Int]
    let iterationsPerTriangle: Int
    /// Tasks this rank processed, in order (including invalid numbers, which are not worked on).
    private(set) var processed: [Int] = []
    /// Thread CPU seconds spent inside `process`.
    private(set) var busySeconds = 0.0
    /// Wall seconds from `startClock()` to the end of the last task this rank processed (0 when
    /// it processed none): when this rank finished its share.
    private(set) var finishSeconds = 0.0
    private var started = Benchmark.now()
    private var sink = 0.0

    init(comm: Communicator, costs: [Int], chunkSize: Int, iterationsPerTriangle: Int) {
      self.comm = comm
      self.costs = costs
      count = costs.count
      self.chunkSize = chunkSize
      self.iterationsPerTriangle = iterationsPerTriangle
    }

    /// This process's rank in `comm`.
    public var rank: Int { comm.rank }
    /// The number of ranks: one manager and `size - 1` workers.
    public var size: Int { comm.size }

    /// Does task `task` (its computation takes time in proportion to its object's triangles)
    /// and records that this rank did it. A number outside 0 ..< count is recorded, not worked
    /// on, and makes the check fail.
    public func process(_ task: Int) {
      processed.append(task)
      guard task >= 0 && task < costs.count else { return }
      let start = CPUClock.thread()
      sink += Chapter14.work(iterations: costs[task] * iterationsPerTriangle, seed: sink)
      busySeconds += CPUClock.thread() - start
      finishSeconds = Benchmark.now() - started
    }

    /// Starts the wall clock `finishSeconds` counts from (the harness calls it on every rank
    /// right after a barrier).
    func startClock() { started = Benchmark.now() }

    /// Keeps the computation's result observable, so the optimiser cannot drop it.
    var checksum: Double { sink }
  }

  /// The learner's six functions.
  public struct Learner {
    /// (rank, ranks, count) → the object ids `rank` owns in a block decomposition: one
    /// contiguous range per rank, in rank order, lengths differing by at most one (the first
    /// `count % ranks` ranks get one more).
    public var blockOwned: (Int, Int, Int) -> [Int]
    /// (rank, ranks, count) → the ids `rank` owns in a cyclic decomposition: `rank`,
    /// `rank + ranks`, `rank + 2 · ranks`, … below `count`.
    public var cyclicOwned: (Int, Int, Int) -> [Int]
    /// (items, parts) → the ids of each part of a k-d split by the items' centres, `parts`
    /// arrays (part i goes to rank i): each cut along the longest axis of its group's centres,
    /// counts proportional to the parts on each side, so part sizes differ by at most one.
    public var kdParts: ([Item], Int) -> [[Int]]
    /// (this rank's seconds, communicator) → max / mean of every rank's seconds, on every rank.
    public var imbalance: (Double, Communicator) throws -> Double
    /// Rank 0: hands out chunks of `chunkSize` tasks to whichever worker asks, until every task
    /// is out, then tells each worker to stop.
    public var manager: (TaskQueue) throws -> Void
    /// Every other rank: asks the manager for work, processes each task it gets with
    /// `queue.process(_:)`, and returns when told to stop.
    public var worker: (TaskQueue) throws -> Void

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      blockOwned: @escaping (Int, Int, Int) -> [Int], cyclicOwned: @escaping (Int, Int, Int) -> [Int],
      kdParts: @escaping ([Item], Int) -> [[Int]], imbalance: @escaping (Double, Communicator) throws -> Double,
      manager: @escaping (TaskQueue) throws -> Void, worker: @escaping (TaskQueue) throws -> Void
    ) {
      self.blockOwned = blockOwned
      self.cyclicOwned = cyclicOwned
      self.kdParts = kdParts
      self.imbalance = imbalance
      self.manager = manager
      self.worker = worker
    }
  }

  /// The scene's objects as items.
  static func items(_ objects: [SceneObject]) -> [Item] {
    objects.map { Item(id: $0.id, center: $0.center, triangles: $0.triangles) }
  }

  /// Object counts the ownership checks use at `ranks` ranks: none, fewer than the ranks, and
  /// several that do not divide evenly.
  static func testCounts(ranks: Int) -> [Int] {
    Array(Set([0, 1, ranks - 1, ranks + 1, 7, 17, 101, 1000 + ranks - 1])).sorted()
  }

  /// The worker imbalance the dynamic scheme must stay under (max / mean of the workers' finish
  /// times), where the static block split of the same tasks exceeds it.
  static let dynamicBound = 1.3
  /// Objects in the skewed workload of the check.
  static let skewedCount = 480
  /// Chunk size of the check.
  static let checkChunk = 4

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let comm = try world.duplicate()
      try checkOwnership(learner, comm, &report)
      try checkKD(learner, comm, &report)
      let staticFinish = try checkImbalanceFormula(learner, comm, &report)
      try checkDynamic(learner, comm, staticFinish: staticFinish, &report)
      try world.barrier()
    }
  }
}
