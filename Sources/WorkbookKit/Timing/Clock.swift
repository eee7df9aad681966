import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The clock to time your own code with, and a readable form of the result.
///
/// ```swift
/// let seconds = Benchmark.time { window.render() }
/// print(Benchmark.describe(seconds: seconds))   // "12.4 ms"
/// ```
public enum Benchmark {
  /// Seconds on a monotonic clock (`clock_gettime(CLOCK_MONOTONIC)`): it never jumps when the
  /// system time is set, so differences of two readings are durations. Use differences only.
  @inline(__always)
  public static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// Seconds `body` takes, once.
  @inline(__always)
  public static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
  }

  /// Uses `value` in a way the optimiser cannot see through, so that code timed for its result
  /// is not removed as dead. Call it on what a timed body computes:
  ///
  /// ```swift
  /// let t = Benchmark.time { Benchmark.blackHole(cull(boxes)) }
  /// ```
  ///
  /// It lives in this module and is never inlined, so a caller in another module cannot prove
  /// that the value goes unused.
  @inline(never) @_optimize(none)
  public static func blackHole<T>(_ value: T) {}

  /// "1.42 ms", "230 ns", "2.1 s".
  public static func describe(seconds: Double) -> String {
    guard seconds.isFinite else { return "\(seconds)" }
    let a = abs(seconds)
    if a >= 1 { return String(format: "%.3g s", seconds) }
    if a >= 1e-3 { return String(format: "%.3g ms", seconds * 1e3) }
    if a >= 1e-6 { return String(format: "%.3g µs", seconds * 1e6) }
    return String(format: "%.3g ns", seconds * 1e9)
  }
}
