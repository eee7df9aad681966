import Foundation
import MPI
import WorkbookKit

/// `./workbook bench 14`: one fixed job, the demo's skewed workload, divided among the ranks
/// by each scheme. Run at P = 1, 2 and 4, it is a strong-scaling series: the same work, more
/// processes.
extension Chapter14 {
  /// The schemes, each timed as the last rank's finish (1 warm-up run, then the median of
  /// `rounds`), beside the ideal: the job's CPU seconds, measured in the same run, divided by
  /// the ranks that can run at once (P, or the cores when P is larger).
  static func bench(_ comm: Communicator, rounds: Int, _ report: inout Report) throws {
    let objects = skewedObjects(count: skewedCount)
    let costs = objects.map(\.triangles)
    let (ranks, rank) = (comm.size, comm.rank)
    let cores = ProcessInfo.processInfo.activeProcessorCount

    /// The median over `rounds` (after one warm-up) of the job's time and of its CPU seconds
    /// summed over the ranks.
    func measure(_ once: () throws -> (finish: Double, busy: Double)) throws -> (seconds: Double, cpu: Double) {
      var times: [Double] = []
      var cpus: [Double] = []
      for round in 0...rounds {
        let (finish, busy) = try once()
        let time = try comm.allReduce(finish, op: .max)
        let cpu = try comm.allReduce(busy, op: .sum)
        if round > 0 {
          times.append(time)
          cpus.append(cpu)
        }
      }
      return (Timings(samples: times).median, Timings(samples: cpus).median)
    }

    var rows: [(label: String, seconds: Double, cpu: Double)] = []
    for (scheme, parts) in staticSchemes(objects, ranks: ranks) {
      let m = try measure { try runStatic(parts[rank], costs: costs, comm: comm) }
      rows.append(("static " + scheme, m.seconds, m.cpu))
    }
    if ranks > 1 {
      // Rank 0 hands out chunks of 4 tasks and processes none.
      let queueComm = try comm.duplicate()
      let m = try measure {
        let queue = TaskQueue(
          comm: queueComm, costs: costs, chunkSize: 4, iterationsPerTriangle: iterationsPerTriangle)
        try comm.barrier()
        queue.startClock()
        if rank == TaskQueue.manager { try referenceManager(queue) } else { try referenceWorker(queue) }
        return (queue.finishSeconds, queue.checksum.isNaN ? .nan : queue.busySeconds)
      }
      rows.append(("dynamic chunk 4", m.seconds, m.cpu))
    }
    guard rank == 0 else { return }
    // The CPU the job takes, from the static runs (the dynamic one adds nothing to it: the
    // manager's polling is not task time), shared by the ranks that can run at once.
    let jobCPU = Timings(samples: rows.filter { $0.label.hasPrefix("static") }.map(\.cpu)).median
    let ideal = jobCPU / Double(min(ranks, cores))
    print(
      "Strong scaling: \(costs.count) tasks, \(costs.reduce(0, +)) triangles of work, \(String(format: "%.3f", jobCPU)) s of CPU "
        + "in all, on \(ranks) rank\(ranks == 1 ? "" : "s") and \(cores) cores\(ranks > cores ? " (oversubscribed)" : "")"
    )
    print("median of \(rounds) runs after 1 warm-up; time = when the last rank finished its share")
    print("ideal = the CPU seconds / min(P, cores) = \(String(format: "%.3f", ideal)) s\n")
    print("  scheme            time      × ideal")
    for row in rows {
      print(
        "  " + row.label.padding(toLength: 18, withPad: " ", startingAt: 0)
          + String(format: "%.3f s   %.2f", row.seconds, row.seconds / ideal))
      report.metric("seconds-" + row.label.replacingOccurrences(of: " ", with: "-"), row.seconds, unit: "s")
    }
    report.metric("seconds-ideal", ideal, unit: "s")
    report.metric("cpu-seconds-job", jobCPU, unit: "s")
  }
}
