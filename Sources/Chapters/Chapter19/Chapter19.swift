import Foundation
import WorkbookContract
import WorkbookKit

/// Chapter 19, shared-memory parallelism: one job on several threads of one process, each task
/// writing its own slice; data races and three ways to fix them; false sharing; VTK's
/// `vtkSMPTools`; and when threads beat MPI ranks.
public enum Chapter19 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "19-threads-and-smp"

  /// The learner's two functions.
  public struct Learner {
    /// `0..<count` cut into exactly `parts` consecutive ranges, in order, whose sizes differ by at
    /// most one (empty ranges when `parts > count`).
    public var chunks: (_ count: Int, _ parts: Int) -> [Range<Int>]
    /// The histogram of `values` over `bins` bins (`Chapter19.bin(of:bins:)` says which bin), made
    /// with `threads` threads working at once.
    public var histogram: (_ values: [Float], _ bins: Int, _ threads: Int) -> [Int]

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      chunks: @escaping (_ count: Int, _ parts: Int) -> [Range<Int>],
      histogram: @escaping (_ values: [Float], _ bins: Int, _ threads: Int) -> [Int]
    ) {
      self.chunks = chunks
      self.histogram = histogram
    }
  }

  /// The bin of a value in [0, 1) among `bins` equal bins: `Int(value * bins)`, clamped to
  /// `0...bins - 1` (so 1 and above land in the last bin, negatives in the first). Part of the
  /// job's definition: the learner's histogram and the chapter's use the same rule.
  @inlinable
  public static func bin(of value: Float, bins: Int) -> Int {
    let b = Int(value * Float(bins))
    return b < 0 ? 0 : (b >= bins ? bins - 1 : b)
  }

  /// `count` values uniform in [0, 1), the same for a given seed on every machine.
  public static func makeValues(count: Int, seed: UInt64 = 19) -> [Float] {
    var rng = SeededRandom(seed: seed)
    // 24 random bits: every Float multiple of 2^-24 in [0, 1), exactly, on every platform.
    return (0..<count).map { _ in Float(rng.next() >> 40) * 0x1.0p-24 }
  }

  // MARK: - Checks

  /// Values in the speed-up check: 4 M floats, 16 MiB, a few milliseconds on one core.
  static let speedValues = 4_000_000
  /// Bins in the speed-up check.
  static let speedBins = 16
  /// Values and bins in the result check: few bins, so that threads that share counters without
  /// synchronisation collide often and lose updates.
  static let raceValues = 2_000_003
  static let raceBins = 4
  /// Thread counts the result check runs, and how many times each.
  static let threadCounts = [1, 2, 3, 4]
  static let repeats = 3

  /// Checks the learner's functions.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      report.add(checkChunks(learner.chunks))
      let raceData = makeValues(count: raceValues, seed: 1919)
      report.add(checkCounts(learner.histogram, values: raceData, bins: raceBins))
      let speed = checkSpeedup(learner.histogram, values: makeValues(count: speedValues), bins: speedBins)
      report.add(speed.result)
      if let s = speed.comparison {
        report.metric("speedup-2-threads", s.speedup, unit: "x")
        report.metric("serial-ms", s.baseline.median * 1e3, unit: "ms")
        report.metric("2-threads-ms", s.candidate.median * 1e3, unit: "ms")
      }
    }
  }

  /// Sizes the chunk check tries: empty input, fewer items than parts, sizes not divisible,
  /// one part, as many parts as items.
  static let chunkCases: [(count: Int, parts: Int)] = [
    (0, 1), (0, 4), (3, 4), (10, 3), (10, 1), (8, 8), (1_000_003, 4), (7, 2),
  ]

  /// `chunks-partition`: for every case, `parts` ranges, consecutive from 0 to `count`, sizes
  /// within one of each other.
  static func checkChunks(_ chunks: (Int, Int) -> [Range<Int>]) -> CheckResult {
    for (count, parts) in chunkCases {
      let got = chunks(count, parts)
      if let problem = chunkProblem(got, count: count, parts: parts) {
        return Checks.that(
          "chunks-partition", false,
          expected: "\(parts) consecutive ranges covering 0..<\(count), sizes within one of each other",
          got: "chunks(\(count), \(parts)) = \(Checks.preview(got)): \(problem)")
      }
    }
    return Checks.that(
      "chunks-partition", true, expected: "a partition into near-equal consecutive ranges",
      got: "all \(chunkCases.count) cases (empty input, fewer items than parts, sizes not divisible)")
  }

  /// What is wrong with `ranges` as a partition of `0..<count` into `parts` near-equal
  /// consecutive ranges, or nil.
  static func chunkProblem(_ ranges: [Range<Int>], count: Int, parts: Int) -> String? {
    if ranges.count != parts { return "\(ranges.count) ranges, not \(parts)" }
    var next = 0
    for r in ranges {
      if r.lowerBound != next { return "a range starts at \(r.lowerBound) where \(next) was expected" }
      next = r.upperBound
    }
    if next != count { return "the ranges end at \(next), not \(count)" }
    let sizes = ranges.map(\.count)
    if let lo = sizes.min(), let hi = sizes.max(), hi - lo > 1 {
      return "sizes from \(lo) to \(hi): more than one apart"
    }
    return nil
  }

  /// `same-counts`: the learner's histogram equals the serial one exactly, for 1, 2, 3 and 4
  /// threads, `repeats` times each (a race loses updates on some runs, not all), plus empty input
  /// and fewer values than threads. A shortfall is reported as lost updates.
  static func checkCounts(_ histogram: ([Float], Int, Int) -> [Int], values: [Float], bins: Int) -> CheckResult {
    let expected = serialHistogram(values, bins: bins)
    var runs = 0
    for threads in threadCounts {
      for _ in 0..<repeats {
        runs += 1
        let got = histogram(values, bins, threads)
        if got != expected {
          let lost = expected.reduce(0, +) - got.reduce(0, +)
          let what =
            lost > 0 ? "\(lost) increments lost" : (lost < 0 ? "\(-lost) too many" : "counts moved between bins")
          return Checks.that(
            "same-counts", false, expected: "\(Checks.preview(expected)) (\(values.count) values, \(bins) bins)",
            got: "\(Checks.preview(got)) with \(threads) threads on run \(runs): \(what)",
            detail: "threads that increment shared counters without synchronisation lose updates")
        }
      }
    }
    for (small, threads) in [([Float](), 3), ([0.1, 0.9], 4), ([0.5, 0.25, 0.75], 2)] {
      let got = histogram(small, bins, threads)
      let want = serialHistogram(small, bins: bins)
      if got != want {
        return Checks.that(
          "same-counts", false, expected: "\(want) for \(small.count) values", got: "\(got) with \(threads) threads")
      }
    }
    return Checks.that(
      "same-counts", true, expected: "the serial counts on every run",
      got: "identical on \(runs) runs (1 to 4 threads, \(values.count) values into \(bins) bins) and on tiny inputs")
  }

  /// The speed-up with 2 threads the check asks for, against the serial loop in the same process.
  static let requiredSpeedup = 1.3
  /// Attempts before the speed-up check fails.
  static let speedAttempts = 3

  /// `speedup-2-threads`: the learner's histogram with 2 threads against the chapter's serial
  /// loop, timed alternately in this process, medians of 11 runs: at least 1.3× (1.17× after
  /// the 10 % noise margin; the one-thread loop measures about 0.9×, a lock per increment 0.07×,
  /// and the solution 1.40–1.87× in fifteen runs on this 2-core machine with no build running).
  /// A failed attempt is measured again, up to three times, and the best one kept: another
  /// program may have held the second core for a moment, while code that cannot reach the ratio
  /// fails every attempt.
  /// On a machine with one core it passes, saying it was skipped and why.
  static func checkSpeedup(_ histogram: ([Float], Int, Int) -> [Int], values: [Float], bins: Int) -> (
    result: CheckResult, comparison: BenchmarkComparison?
  ) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard cores >= 2 else {
      return (
        Checks.that(
          "speedup-2-threads", true, expected: "2 threads ≥ \(Checks.format(requiredSpeedup))× one",
          got: "skipped: this machine shows \(cores) core, so two threads cannot run at once"), nil
      )
    }
    var best: BenchmarkComparison?
    var attempts: [Double] = []
    for _ in 0..<speedAttempts {
      let s = Benchmark.compare(
        runs: 11, warmup: 2, candidate: { Benchmark.blackHole(histogram(values, bins, 2)) },
        baseline: { Benchmark.blackHole(serialHistogram(values, bins: bins)) })
      attempts.append(s.speedup)
      if best == nil || s.speedup > best!.speedup { best = s }
      if Checks.faster("speedup-2-threads", comparison: s, atLeast: requiredSpeedup, noiseMargin: 0.1).passed { break }
    }
    let s = best!
    var result = Checks.faster("speedup-2-threads", comparison: s, atLeast: requiredSpeedup, noiseMargin: 0.1)
    if attempts.count > 1 {
      result.detail =
        (result.detail ?? "") + "; best of \(attempts.count) attempts ("
        + attempts.map { Checks.format($0) + "×" }.joined(separator: ", ") + ")"
    }
    return (result, s)
  }
}
