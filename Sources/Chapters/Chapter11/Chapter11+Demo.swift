import Foundation
import MPI
import MPIBench
import WorkbookKit

/// Chapter 11's demo.
extension Chapter11 {
  /// The demo: tree versus library broadcast, the uneven task split done wrong and right,
  /// reductions and MAXLOC.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try run(world, &report)
    }
  }

  static func run(_ world: Communicator, _ report: inout Report) throws {
    let n = world.size
    let r = world.rank
    // 1. Hand-written tree versus MPI_Bcast.
    let comm = try world.duplicate()
    if r == 0 {
      print("1. Broadcast from rank 0 to \(n) ranks: a binomial tree of MPI_Send/MPI_Recv versus MPI_Bcast")
      print(
        "   (median of 9 runs, slowest rank per run, release build, \(ProcessInfo.processInfo.activeProcessorCount) cores):"
      )
      print("   size        tree        MPI_Bcast   tree/Bcast")
    }
    for count in [1, 8192, 131_072, 1 << 20] {
      var data = [Double](repeating: r == 0 ? 1.5 : 0, count: count)
      var tree: [Double] = []
      var library: [Double] = []
      for round in 0..<10 {
        for k in 0..<2 {
          try world.barrier()
          let useTree = (k + round) % 2 == 0
          let t = try Benchmark.time {
            if useTree {
              try referenceBroadcast(&data, root: 0, CommunicatorLink(comm: comm, tag: 21))
            } else {
              try comm.broadcast(&data, root: 0)
            }
          }
          let slowest = try world.allReduce(t, op: .max)
          if round > 0 { if useTree { tree.append(slowest) } else { library.append(slowest) } }
        }
      }
      let ok = try world.allReduce(data.allSatisfy { $0 == 1.5 }, op: .logicalAnd)
      report.add(
        Checks.that("demo-broadcast-\(count)", ok, expected: "every rank has the root's data", got: ok ? "yes" : "no"))
      if r == 0 {
        let (t, b) = (Timings(samples: tree).median, Timings(samples: library).median)
        print(
          "   " + MPIBench.BenchmarkTable.size(count * 8).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: t).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: b).padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(format: "%.2f", t / b))
        report.metric("tree-over-bcast-\(count * 8)B", t / b, unit: "ratio")
      }
    }

    // 2. Handing out 17 tasks: the integer-division split forgets the remainder.
    let tasks = Chapter11.tasks
    let per = tasks.count / n
    var naive: [Int32] = []
    if r == 0 {
      for dest in 1..<n { try world.send(Array(tasks[dest * per..<(dest + 1) * per]), to: dest, tag: 31) }
      naive = Array(tasks[0..<per])
    } else {
      naive = try world.receiveArray(Int32.self, from: 0, tag: 31).values
    }
    let counts = Chapter11.blockCounts(total: tasks.count, size: n)
    let right = try world.scatter(r == 0 ? tasks : [], counts: counts, root: 0)
    let naiveAll = try world.allGatherVarying(naive)
    let rightAll = try world.allGatherVarying(right)
    if r == 0 {
      let lost = Set(tasks).subtracting(naiveAll.flatMap { $0 }).sorted()
      print("\n2. Rank 0 hands out \(tasks.count) tasks to \(n) ranks.")
      print(
        "   \(tasks.count) / \(n) = \(per) each, sent one by one: "
          + naiveAll.map { "\($0.count)" }.joined(separator: ", ")
          + " tasks; never assigned: \(lost.isEmpty ? "none" : lost.map(String.init).joined(separator: ", "))")
      print(
        "   MPI_Scatterv with counts \(counts): "
          + rightAll.enumerated().map { "rank \($0.offset): \($0.element.first ?? 0)…\($0.element.last ?? 0)" }.joined(
            separator: "; "))
      report.metric("tasks-lost-by-naive-split", Double(lost.count), unit: "tasks")
    }

    // 3. Reductions over each rank's results.
    let results = right.map(Chapter11.result(of:))
    let total = try world.allReduce(results.reduce(0, +), op: .sum)
    let busiest = try world.allReduce(ValueAndRank(Double(results.count), rank: r), op: .maxLocation)
    let offset = try world.exclusiveScan(results.count, op: .sum) ?? 0
    let running = try world.scan(results.reduce(0, +), op: .sum)
    let offsets = try world.gather(offset)
    if r == 0 {
      print(
        "\n3. Reductions: total of all results \(total) (MPI_Allreduce); most tasks: rank \(busiest.rank) with \(Int(busiest.value)) (MPI_MAXLOC);"
      )
      print(
        "   where each rank's results start in the global list (MPI_Exscan): \(offsets!); rank 0's running total (MPI_Scan): \(running)"
      )
    }
    let serialTotal = tasks.map(Chapter11.result(of:)).reduce(0, +)
    report.add(Checks.close("demo-total", expected: serialTotal, got: total, absolute: 1e-9))
  }
}
