import Foundation
import MPI
import WorkbookKit

#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the calling thread: what the chapter's harness charges a task with.
///
/// With 4 ranks on 2 cores a rank can wait for a core in the middle of a task, and a wall clock
/// would charge that wait to the task. The thread's CPU clock counts only the time it ran, so
/// the per-rank totals say how the work was divided, whatever the scheduler did.
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

  /// Iterations of `work` per triangle of an object: about 0.5 µs per triangle on the
  /// development machine, so the check's skewed workload is about 0.3 s of CPU in all.
  static let iterationsPerTriangle = 180

  /// The skewed workload: the scene's objects as tasks, most expensive first (as in a file
  /// sorted by size, or a scene listed level of detail by level of detail). Its cost per task
  /// falls along the list, so equal blocks of it are anything but equal work.
  static func skewedCosts(count: Int) -> [Int] { skewedObjects(count: count).map(\.triangles) }

  /// The scene's objects in the order of the skewed workload: most triangles first, ties by id.
  static func skewedObjects(count: Int) -> [SceneObject] {
    ParallelScene.objects(count: count).sorted { ($0.triangles, $1.id) > ($1.triangles, $0.id) }
  }

  /// Processes `ids` of `costs` on this rank and returns the CPU seconds spent in them (the
  /// harness's measurement of a static scheme).
  static func runStatic(_ ids: [Int], costs: [Int], comm: Communicator) -> (busy: Double, checksum: Double) {
    let queue = TaskQueue(comm: comm, costs: costs, chunkSize: 1, iterationsPerTriangle: iterationsPerTriangle)
    for id in ids { queue.process(id) }
    return (queue.busySeconds, queue.checksum)
  }

  /// max / mean of `seconds`; 1 when there is nothing to compare (no ranks, or no time at all).
  static func maxOverMean(_ seconds: [Double]) -> Double {
    guard !seconds.isEmpty else { return 1 }
    let mean = seconds.reduce(0, +) / Double(seconds.count)
    return mean > 0 ? seconds.max()! / mean : 1
  }
}
