import Foundation

/// Samples of one timed operation, in seconds.
public struct Timings: Codable, Sendable {
  /// Seconds, one per run, in the order measured.
  public var samples: [Double]

  /// Timings from samples in seconds.
  public init(samples: [Double]) { self.samples = samples }

  /// The middle sample (mean of the two middle ones for an even count); robust to the odd
  /// slow run caused by the rest of the machine.
  public var median: Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// The fastest sample; NaN without samples.
  public var minimum: Double { samples.min() ?? .nan }
  /// The slowest sample; NaN without samples.
  public var maximum: Double { samples.max() ?? .nan }

  /// First and third quartiles: the medians of the lower and upper halves of the sorted samples
  /// (with an odd count, the middle sample belongs to neither half). Nil below two samples.
  public var quartiles: (q1: Double, q3: Double)? {
    let s = samples.sorted()
    guard s.count >= 2 else { return nil }
    let half = s.count / 2
    return (Timings(samples: Array(s[..<half])).median, Timings(samples: Array(s[(s.count - half)...])).median)
  }

  /// The interquartile range, q3 − q1: how wide the middle half of the samples is. Unlike
  /// max − min it ignores the odd frame the rest of the machine slowed down.
  public var interquartileRange: Double { quartiles.map { $0.q3 - $0.q1 } ?? 0 }

  /// Interquartile range relative to the median: a unit-free measure of noise.
  public var relativeSpread: Double { median > 0 ? interquartileRange / median : 0 }

  /// The median with a readable unit, e.g. "1.42 ms".
  public var medianDescription: String { Benchmark.describe(seconds: median) }
}

/// The same work timed two ways in one process, interleaved.
public struct BenchmarkComparison: Codable, Sendable {
  /// The code under test (the learner's).
  public var candidate: Timings
  /// The reference it is measured against.
  public var baseline: Timings

  /// A comparison from two sets of timings, normally made by `Benchmark.compare`.
  public init(candidate: Timings, baseline: Timings) {
    self.candidate = candidate
    self.baseline = baseline
  }
  /// Baseline median / candidate median: above 1 means the candidate is faster.
  public var speedup: Double { baseline.median / candidate.median }
}

/// Timing helpers that follow the workbook's method: warm up, repeat, take the median, compare
/// against a baseline measured in the same run.
public enum Benchmark {
  /// Seconds on a monotonic clock.
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

  /// Runs `body` `warmup` times untimed, then `runs` times timed.
  public static func measure(runs: Int = 9, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Timings {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs { samples.append(try time(body)) }
    return Timings(samples: samples)
  }

  /// Times `candidate` and `baseline` alternately (so that machine load affects both alike),
  /// after warming both up.
  public static func compare(runs: Int = 9, warmup: Int = 2, candidate: () throws -> Void,
                             baseline: () throws -> Void) rethrows -> BenchmarkComparison {
    for _ in 0..<warmup {
      try candidate()
      try baseline()
    }
    var c: [Double] = [], b: [Double] = []
    for i in 0..<runs {
      // Alternate which goes first: a cache warmed by one must not always favour the other.
      if i % 2 == 0 {
        c.append(try time(candidate))
        b.append(try time(baseline))
      } else {
        b.append(try time(baseline))
        c.append(try time(candidate))
      }
    }
    return BenchmarkComparison(candidate: Timings(samples: c), baseline: Timings(samples: b))
  }

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
