import Foundation
import MPI
import WorkbookContract
import WorkbookKit

/// Chapter 14's checks, phase by phase, and the pure tests they are made of (unit-tested in
/// Tests/ChaptersTests/Chapter14).
extension Chapter14 {
  // MARK: Pure tests

  /// What is wrong with an assignment of ids `0 ..< count` to ranks (`perRank[r]` = rank r's
  /// ids): ids missing, ids on more than one rank (or twice on one), ids out of range. Nil when
  /// every id is owned exactly once.
  static func ownershipProblem(_ perRank: [[Int]], count: Int) -> String? {
    var owners = [Int](repeating: 0, count: count)
    var outside: [Int] = []
    for ids in perRank {
      for id in ids {
        if id >= 0 && id < count { owners[id] += 1 } else { outside.append(id) }
      }
    }
    let missing = owners.indices.filter { owners[$0] == 0 }
    let repeated = owners.indices.filter { owners[$0] > 1 }
    var parts: [String] = []
    if !missing.isEmpty { parts.append("\(missing.count) owned by nobody (\(Checks.preview(missing)))") }
    if !repeated.isEmpty { parts.append("\(repeated.count) owned more than once (\(Checks.preview(repeated)))") }
    if !outside.isEmpty { parts.append("\(outside.count) not in 0..<\(count) (\(Checks.preview(outside)))") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  /// Nil when the counts differ by at most one; else what they are.
  static func balanceProblem(_ counts: [Int]) -> String? {
    guard let most = counts.max(), let least = counts.min(), most - least > 1 else { return nil }
    return "counts \(counts.map(String.init).joined(separator: ", ")) (max − min = \(most - least))"
  }

  /// Nil when every two parts are separated by a plane across one axis (all of one part's
  /// centres below some coordinate, all of the other's above it), which any two parts of a k-d
  /// split are; else the first pair that is not. Strictly below and above: on an axis where all
  /// centres are equal, nothing is separated. (The scenes' coordinates are random doubles, so a
  /// cut never falls between two equal ones.)
  static func separationProblem(_ parts: [[Int]], centers: [Int: SIMD3<Double>]) -> String? {
    let boxes = parts.map { ids in AABB(enclosing: ids.compactMap { centers[$0] }) }
    for i in parts.indices where !parts[i].isEmpty {
      for j in parts.indices where j > i && !parts[j].isEmpty {
        let a = boxes[i]
        let b = boxes[j]
        let separated = (0..<3).contains { a.max[$0] < b.min[$0] || b.max[$0] < a.min[$0] }
        if !separated {
          return "the centres of parts \(i) and \(j) overlap on every axis: part \(i) spans \(a), part \(j) spans \(b)"
        }
      }
    }
    return nil
  }

  /// "1 object", "7 objects".
  static func objectsLabel(_ n: Int) -> String { n == 1 ? "1 object" : "\(n) objects" }

  /// "0..<4" for a contiguous run, else the first few ids and how many.
  static func describe(_ ids: [Int]) -> String {
    if ids.isEmpty { return "none" }
    if ids == Array(ids[0]..<ids[0] + ids.count) { return "\(ids[0])..<\(ids[0] + ids.count)" }
    return "[\(Checks.preview(ids, limit: 5))] (\(ids.count))"
  }

  static func describe(perRank: [[Int]]) -> String {
    perRank.enumerated().map { "rank \($0.offset): \(describe($0.element))" }.joined(separator: "; ")
  }

  // MARK: Phases

  /// Block and cyclic ownership for several object counts: exactly once, balanced, and laid
  /// out as the chapter asks.
  static func checkOwnership(_ learner: Learner, _ comm: Communicator, _ report: inout Report) throws {
    let ranks = comm.size
    var blockOnce: [String] = []
    var blockBalance: [String] = []
    var blockRanges: [String] = []
    var cyclicOnce: [String] = []
    var cyclicPattern: [String] = []
    for n in testCounts(ranks: ranks) {
      let block = try comm.allGatherVarying(learner.blockOwned(comm.rank, ranks, n))
      if let p = ownershipProblem(block, count: n) { blockOnce.append("\(objectsLabel(n)): \(p)") }
      if let p = balanceProblem(block.map(\.count)) { blockBalance.append("\(objectsLabel(n)): \(p)") }
      if block != (0..<ranks).map({ referenceBlock($0, ranks, n) }) {
        blockRanges.append("\(objectsLabel(n)): \(describe(perRank: block))")
      }
      let cyclic = try comm.allGatherVarying(learner.cyclicOwned(comm.rank, ranks, n))
      if let p = ownershipProblem(cyclic, count: n) { cyclicOnce.append("\(objectsLabel(n)): \(p)") }
      if cyclic != (0..<ranks).map({ referenceCyclic($0, ranks, n) }) {
        cyclicPattern.append("\(objectsLabel(n)): \(describe(perRank: cyclic))")
      }
    }
    let counts = testCounts(ranks: ranks).map(String.init).joined(separator: ", ")
    report.add(
      Checks.that(
        "block-once", blockOnce.isEmpty, expected: "every object owned by exactly one rank (\(counts) objects)",
        got: blockOnce.first ?? "yes",
        detail: blockOnce.count > 1 ? "also wrong with \(blockOnce.count - 1) other count(s)" : nil))
    report.add(
      Checks.that(
        "block-balance", blockBalance.isEmpty, expected: "objects per rank differing by at most 1",
        got: blockBalance.first ?? "yes"))
    report.add(
      Checks.that(
        "block-ranges", blockRanges.isEmpty,
        expected: "rank r owns the r-th contiguous range; the first count % \(ranks) ranks one object more",
        got: blockRanges.first ?? "yes"))
    report.add(
      Checks.that(
        "cyclic-once", cyclicOnce.isEmpty, expected: "every object owned by exactly one rank (\(counts) objects)",
        got: cyclicOnce.first ?? "yes"))
    report.add(
      Checks.that(
        "cyclic-pattern", cyclicPattern.isEmpty, expected: "rank r owns r, r + \(ranks), r + \(2 * ranks), …",
        got: cyclicPattern.first ?? "yes"))
  }

  /// Object counts of the k-d checks, and which layout each scene has.
  static func kdScenes(ranks: Int) -> [(count: Int, layout: ParallelScene.Layout)] {
    [
      (0, .uniform), (1, .uniform), (ranks - 1, .bunched), (10, .uniform), (17, .bunched), (101, .uniform),
      (333, .bunched),
    ]
  }

  /// The k-d split of several scenes into one part per rank: each rank's part gathered, every
  /// object once, counts within one, parts separated by planes.
  static func checkKD(_ learner: Learner, _ comm: Communicator, _ report: inout Report) throws {
    let ranks = comm.size
    var once: [String] = []
    var balance: [String] = []
    var separated: [String] = []
    for (n, layout) in kdScenes(ranks: ranks) {
      let items = items(ParallelScene.objects(count: n, layout: layout, seed: UInt64(140 + n)))
      let parts = learner.kdParts(items, ranks)
      let all = try comm.allGatherVarying(comm.rank < parts.count ? parts[comm.rank] : [])
      let scene = "\(objectsLabel(n)), \(layout == .bunched ? "bunched" : "uniform")"
      if parts.count != ranks {
        once.append("\(scene): \(parts.count) parts for \(ranks) ranks")
      } else if let p = ownershipProblem(all, count: n) {
        once.append("\(scene): \(p)")
      }
      if let p = balanceProblem(all.map(\.count)) { balance.append("\(scene): \(p)") }
      let centers = Dictionary(items.map { ($0.id, $0.center) }, uniquingKeysWith: { a, _ in a })
      if let p = separationProblem(all, centers: centers) { separated.append("\(scene): \(p)") }
    }
    report.add(
      Checks.that(
        "kd-once", once.isEmpty, expected: "\(ranks) parts holding every object exactly once",
        got: once.first ?? "yes"))
    report.add(
      Checks.that(
        "kd-balance", balance.isEmpty, expected: "parts of sizes differing by at most 1, for \(ranks) parts",
        got: balance.first ?? "yes",
        detail: balance.isEmpty
          ? nil : "split the counts in proportion to the parts on each side: 3 parts are 1 : 2, not 1 : 1"))
    report.add(
      Checks.that(
        "kd-separated", separated.isEmpty,
        expected: "every two parts separated by an axis-aligned plane through the centres",
        got: separated.first ?? "yes"))
  }

  /// The harness's own measurement of the static block split of the skewed workload, then the
  /// learner's imbalance on made-up times and on those measured ones, against max / mean of the
  /// gathered times. Returns when each rank finished its block (wall seconds from the start).
  static func checkImbalanceFormula(_ learner: Learner, _ comm: Communicator, _ report: inout Report) throws -> [Double]
  {
    let costs = skewedCosts(count: skewedCount)
    let finish = try runStatic(referenceBlock(comm.rank, comm.size, costs.count), costs: costs, comm: comm).finish
    let allFinish = try comm.allGather(finish)
    // Made-up times first: each rank a different one, so that max/min, the local time alone and
    // max/mean all give different answers.
    let madeUp = 1 + 0.5 * Double(comm.rank)
    var wrong: [String] = []
    for (label, mine, all) in [
      ("made-up times", madeUp, try comm.allGather(madeUp)), ("measured times", finish, allFinish),
    ] {
      Harness.announce("imbalance: the reduction of per-rank times")
      let got = try learner.imbalance(mine, comm)
      let expected = maxOverMean(all)
      if !(abs(got - expected) <= 1e-9 * expected) {
        wrong.append(
          "\(label) \(all.map { Checks.format($0) }.joined(separator: ", ")) s: expected \(Checks.format(expected)), got \(Checks.format(got))"
        )
      }
    }
    report.add(
      Checks.that(
        "imbalance-formula", wrong.isEmpty, expected: "max / mean of every rank's seconds, on every rank",
        got: wrong.first ?? "yes", detail: wrong.count > 1 ? wrong[1] : nil))
    return allFinish
  }

  /// The learner's manager and workers on the skewed workload: every task processed once, by a
  /// worker, and the workers finishing together (max / mean of their finish times) where the
  /// ranks of the static block split do not.
  static func checkDynamic(_ learner: Learner, _ comm: Communicator, staticFinish: [Double], _ report: inout Report)
    throws
  {
    let costs = skewedCosts(count: skewedCount)
    let queue = TaskQueue(
      comm: try comm.duplicate(), costs: costs, chunkSize: checkChunk, iterationsPerTriangle: iterationsPerTriangle)
    try comm.barrier()
    queue.startClock()
    let start = Benchmark.now()
    Harness.announce("manager and workers")
    if comm.rank == TaskQueue.manager { try learner.manager(queue) } else { try learner.worker(queue) }
    let wall = try comm.allReduce(Benchmark.now() - start, op: .max)
    let processed = try comm.allGatherVarying(queue.processed)
    let finish = try comm.allGather(queue.finishSeconds)

    var problem = ownershipProblem(processed, count: costs.count)
    if problem == nil && !processed[TaskQueue.manager].isEmpty {
      problem = "the manager (rank 0) processed \(processed[0].count) task(s) itself"
    }
    report.add(
      Checks.that(
        "dynamic-once", problem == nil,
        expected: "each of the \(costs.count) tasks processed exactly once, by a worker",
        got: problem ?? "yes", detail: "tasks per rank: \(processed.map { String($0.count) }.joined(separator: ", "))"))

    let workers = Array(finish.dropFirst())
    let dynamic = maxOverMean(workers)
    let fixed = maxOverMean(staticFinish)
    let passed = problem == nil && dynamic <= dynamicBound && fixed > dynamicBound
    let got =
      "dynamic \(Checks.format(dynamic)) over \(workers.count) worker(s), static block \(Checks.format(fixed)) over \(comm.size) ranks"
    var detail =
      "workers finished after \(workers.map { Checks.format($0) }.joined(separator: ", ")) s; the block split's ranks after \(staticFinish.map { Checks.format($0) }.joined(separator: ", ")) s"
    if fixed <= dynamicBound {
      detail += "; the static split was not imbalanced this time, so the run shows nothing (rerun)"
    }
    report.add(
      Checks.that(
        "dynamic-balanced", passed,
        expected:
          "workers' imbalance (max / mean of their finish times) ≤ \(Checks.format(dynamicBound)) where the static block split's is above it (same run)",
        got: got, detail: detail))
    report.metric("static-block-imbalance", fixed, unit: "max/mean")
    report.metric("dynamic-imbalance", dynamic, unit: "max/mean")
    report.metric("dynamic-wall", wall, unit: "s")
  }
}
