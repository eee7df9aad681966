import Foundation
import MPI
import WorkbookKit

/// Chapter 11, collectives: a broadcast written by hand as a tree, tasks handed out with
/// scatterv when they do not divide evenly, and the reductions that sum up the results.
public enum Chapter11 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "11-collectives"

  /// Point-to-point messages for the hand-written broadcast: `MPI_Send` and `MPI_Recv` on a
  /// communicator of its own, counted, and carrying how many hops each copy of the data has
  /// travelled from the root, so the checks can see the shape of your tree.
  public final class Messenger {
    /// This process's rank in the messenger's communicator (a duplicate of the world).
    public let rank: Int
    /// The number of ranks.
    public let size: Int
    let comm: Communicator
    /// Messages this rank sent and received.
    public private(set) var sent = 0
    /// Messages this rank received; a tree broadcast receives exactly once on every rank but the
    /// root.
    public private(set) var received = 0
    /// Hops from the root to this rank (0 at the root, nil until the data arrived).
    public private(set) var hops: Int?

    init(_ comm: Communicator, root: Int) {
      self.comm = comm
      rank = comm.rank
      size = comm.size
      hops = comm.rank == root ? 0 : nil
    }

    /// Sends `values` to `destination` (`MPI_Send`). `file` and `line` are filled in for you:
    /// they let a deadlock or an MPI error name your line.
    public func send(_ values: [Double], to destination: Int, file: StaticString = #fileID, line: UInt = #line) throws {
      try comm.send(values + [hops.map { Double($0 + 1) } ?? .nan], to: destination, tag: 11, file: file, line: line)
      sent += 1
    }

    /// Receives into `values`, which must have the length the sender sends (`MPI_Recv`).
    /// `file` and `line` are filled in for you, as for `send`.
    public func receive(
      into values: inout [Double], from source: Int, file: StaticString = #fileID, line: UInt = #line
    ) throws {
      var message = [Double](repeating: 0, count: values.count + 1)
      try comm.receive(into: &message, from: source, tag: 11, file: file, line: line)
      values = Array(message.dropLast())
      hops = message.last!.isNaN ? nil : Int(message.last!)
      received += 1
    }
  }

  /// What `summarize` returns.
  public struct Summary: Equatable, CustomStringConvertible {
    /// Sum of every rank's results.
    public var total: Double
    /// The largest result of any rank.
    public var largest: Double
    /// How many results the ranks before this one have: where this rank's results start in
    /// the list of all results.
    public var offset: Int

    /// A summary from its three numbers.
    public init(total: Double, largest: Double, offset: Int) {
      self.total = total
      self.largest = largest
      self.offset = offset
    }

    /// `total <t>, largest <l>, offset <o>`.
    public var description: String { "total \(total), largest \(largest), offset \(offset)" }
  }

  /// The learner's three functions.
  public struct Learner {
    /// Broadcasts the root's values (the Int is the root) with the messenger's point-to-point
    /// messages, as a tree: the root sends at most ⌈log₂ size⌉ messages, and the data reaches
    /// every rank within that many hops.
    public var treeBroadcast: (inout [Double], Int, Messenger) throws -> Void
    /// Hands out the tasks only the root (rank size − 1) has, nil elsewhere: every task on exactly
    /// one rank, loads differing by at most one. Returns this rank's tasks.
    public var distributeTasks: ([Int32]?, Communicator) throws -> [Int32]
    /// This rank's results → the total and the largest over all ranks (on every rank), and this
    /// rank's offset.
    public var summarize: ([Double], Communicator) throws -> Summary

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      treeBroadcast: @escaping (inout [Double], Int, Messenger) throws -> Void,
      distributeTasks: @escaping ([Int32]?, Communicator) throws -> [Int32],
      summarize: @escaping ([Double], Communicator) throws -> Summary
    ) {
      self.treeBroadcast = treeBroadcast
      self.distributeTasks = distributeTasks
      self.summarize = summarize
    }
  }

  /// ⌈log₂ n⌉: the rounds a tree broadcast needs, and the most messages its root sends.
  static func treeRounds(_ n: Int) -> Int {
    var rounds = 0
    while (1 << rounds) < n { rounds += 1 }
    return rounds
  }

  /// The tasks the root hands out: 17 of them, a prime, so they never divide evenly.
  static let tasks = (0..<17).map { Int32(100 + $0) }

  /// The result of working on `task`: what the ranks reduce.
  static func result(of task: Int32) -> Double { Double(task % 13) * 1.5 + 0.25 }

  /// Block counts: the first `total % size` ranks get one task more.
  static func blockCounts(total: Int, size: Int) -> [Int] {
    (0..<size).map { total / size + ($0 < total % size ? 1 : 0) }
  }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let n = world.size
      // 1. The tree broadcast, from every root in turn.
      let comm = try world.duplicate()
      var wrongData: [String] = []
      var rootSends: [String] = []
      var depths: [String] = []
      var receivesOK = true
      for root in 0..<n {
        let messenger = Messenger(comm, root: root)
        var values =
          world.rank == root ? Chapter09.ringData(rank: root, count: 1000) : [Double](repeating: 0, count: 1000)
        Harness.announce("tree broadcast from root \(root), 1000 values")
        try learner.treeBroadcast(&values, root, messenger)
        if values != Chapter09.ringData(rank: root, count: 1000) { wrongData.append("root \(root)") }
        if world.rank == root && messenger.sent > treeRounds(n) {
          rootSends.append("root \(root) sent \(messenger.sent)")
        }
        if world.rank != root && messenger.received != 1 { receivesOK = false }
        let deepest = try world.allReduce(messenger.hops ?? Int.max, op: .max)
        if deepest > treeRounds(n) {
          depths.append("root \(root): \(deepest == Int.max ? "a rank never got the data" : "\(deepest) hops")")
        }
        try world.barrier()
      }
      report.add(
        Checks.that(
          "tree-broadcast", wrongData.isEmpty && receivesOK,
          expected: "every rank holds the root's 1000 values, received once",
          got: wrongData.isEmpty
            ? (receivesOK ? "yes" : "a rank received more than once")
            : "wrong data with \(wrongData.joined(separator: ", "))"))
      report.add(
        Checks.that(
          "tree-root-sends", rootSends.isEmpty,
          expected: "the root sends at most ⌈log₂ \(n)⌉ = \(treeRounds(n)) messages",
          got: rootSends.isEmpty ? "it does" : rootSends.joined(separator: "; ")))
      report.add(
        Checks.that(
          "tree-depth", depths.isEmpty, expected: "the data reaches every rank in at most \(treeRounds(n)) hops",
          got: depths.isEmpty ? "it does" : depths.joined(separator: "; ")))

      // 2. Tasks handed out by the root.
      let root = n - 1
      Harness.announce("distributeTasks from root \(root)")
      let mine = try learner.distributeTasks(world.rank == root ? tasks : nil, world)
      let everyone = try world.allGatherVarying(mine)
      let assigned = everyone.flatMap { $0 }
      let counts = everyone.map(\.count)
      report.add(
        Checks.that(
          "tasks-once", assigned.sorted() == tasks,
          expected: "each of the \(tasks.count) tasks on exactly one rank",
          got: "\(assigned.count) assigned, \(Set(assigned).count) distinct",
          detail: "per rank: \(counts.map(String.init).joined(separator: ", "))"))
      report.add(
        Checks.that(
          "task-balance", (counts.max() ?? 0) - (counts.min() ?? 0) <= 1,
          expected: "loads differing by at most 1 (\(tasks.count) tasks on \(n) ranks)",
          got: "tasks per rank: \(counts.map(String.init).joined(separator: ", "))"))

      // 3. Reductions over results of a reference split, compared with the serial answers.
      let counts3 = blockCounts(total: tasks.count, size: n)
      let starts = counts3.indices.map { counts3[..<$0].reduce(0, +) }
      let myResults = tasks[starts[world.rank]..<starts[world.rank] + counts3[world.rank]].map(result(of:))
      Harness.announce("summarize")
      let got = try learner.summarize(Array(myResults), world)
      let all = tasks.map(result(of:))
      report.add(Checks.close("total", expected: all.reduce(0, +), got: got.total, absolute: 1e-9))
      report.add(Checks.exact("largest", expected: all.max()!, got: got.largest))
      report.add(Checks.counter("offset", expected: starts[world.rank], got: got.offset, unit: "results"))
    }
  }
}
