import Foundation
import MPI
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// CPU time of the calling thread, which the demo shows beside the wall-clock times.
///
/// With 4 ranks on 2 cores a rank waits for a core now and then, so its wall time is longer
/// than its CPU time, by how much depends on the scheduler. Comparing the two shows how much of
/// a core each rank had.
enum CPUClock {
  /// Seconds of CPU this thread has used (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`).
  static func thread() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}

extension Chapter14 {
  /// The computation standing in for processing one object: a chain of `iterations`
  /// dependent multiply-adds, so its time is proportional to the count and nothing can skip or
  /// vectorise it. (A real per-object cost would be a filter or a draw call over the object's
  /// triangles; this one is deterministic, which the balance checks need.)
  @inline(never)
  static func work(iterations: Int, seed: Double) -> Double {
    var x = seed.truncatingRemainder(dividingBy: 1) + 0.5
    var i = 0
    while i < iterations {
      x = x * 0.999_999_7 + 0.000_000_3
      i += 1
    }
    return x
  }

  /// Iterations of `work` per triangle of an object: about 0.7 µs per triangle on the
  /// development machine, so the check's skewed workload is about 0.4 s of CPU in all.
  static let iterationsPerTriangle = 400

  /// The skewed workload: the scene's objects as tasks, most expensive first (as in a file
  /// sorted by size, or a scene listed level of detail by level of detail). Its cost per task
  /// falls along the list, so equal blocks of it are anything but equal work.
  static func skewedCosts(count: Int) -> [Int] { skewedObjects(count: count).map(\.triangles) }

  /// The scene's objects in the order of the skewed workload: most triangles first, ties by id.
  static func skewedObjects(count: Int) -> [SceneObject] {
    ParallelScene.objects(count: count).sorted { ($0.triangles, $1.id) > ($1.triangles, $0.id) }
  }

  /// Processes `ids` of `costs` on this rank, starting the clock after a barrier: the
  /// harness's measurement of a static scheme. Returns when the rank finished (wall seconds
  /// from the start) and the CPU seconds its tasks took.
  static func runStatic(_ ids: [Int], costs: [Int], comm: Communicator) throws -> (finish: Double, busy: Double) {
    let queue = TaskQueue(comm: comm, costs: costs, chunkSize: 1, iterationsPerTriangle: iterationsPerTriangle)
    try comm.barrier()
    queue.startClock()
    for id in ids { queue.process(id) }
    // Reading the checksum keeps the computation's result alive, so it cannot be optimised away.
    return (queue.finishSeconds, queue.checksum.isNaN ? .nan : queue.busySeconds)
  }

  /// max / mean of `seconds`; 1 when there is nothing to compare (no ranks, or no time at all).
  static func maxOverMean(_ seconds: [Double]) -> Double {
    guard !seconds.isEmpty else { return 1 }
    let mean = seconds.reduce(0, +) / Double(seconds.count)
    return mean > 0 ? seconds.max()! / mean : 1
  }
}
