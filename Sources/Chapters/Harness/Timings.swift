import Foundation
import WorkbookKit

/// Samples of one timed operation, in seconds.
struct Timings: Codable, Sendable {
  /// Seconds, one per run, in the order measured.
  var samples: [Double]

  /// Timings from samples in seconds.
  init(samples: [Double]) { self.samples = samples }

  /// The middle sample (mean of the two middle ones for an even count); robust to the odd
  /// slow run caused by the rest of the machine.
  var median: Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// The fastest sample; NaN without samples.
  var minimum: Double { samples.min() ?? .nan }
  /// The slowest sample; NaN without samples.
  var maximum: Double { samples.max() ?? .nan }

  /// First and third quartiles: the medians of the lower and upper halves of the sorted samples
  /// (with an odd count, the middle sample belongs to neither half). Nil below two samples.
  var quartiles: (q1: Double, q3: Double)? {
    let s = samples.sorted()
    guard s.count >= 2 else { return nil }
    let half = s.count / 2
    return (Timings(samples: Array(s[..<half])).median, Timings(samples: Array(s[(s.count - half)...])).median)
  }

  /// The interquartile range, q3 − q1: how wide the middle half of the samples is. Unlike
  /// max − min it ignores the odd frame the rest of the machine slowed down.
  var interquartileRange: Double { quartiles.map { $0.q3 - $0.q1 } ?? 0 }

  /// Interquartile range relative to the median: a unit-free measure of noise.
  var relativeSpread: Double { median > 0 ? interquartileRange / median : 0 }

  /// The median with a readable unit, e.g. "1.42 ms".
  var medianDescription: String { Benchmark.describe(seconds: median) }
}

/// The same work timed two ways in one process, interleaved.
struct BenchmarkComparison: Codable, Sendable {
  /// The code under test (the learner's).
  var candidate: Timings
  /// The reference it is measured against.
  var baseline: Timings

  /// A comparison from two sets of timings, normally made by `Benchmark.compare`.
  init(candidate: Timings, baseline: Timings) {
    self.candidate = candidate
    self.baseline = baseline
  }
  /// Baseline median / candidate median: above 1 means the candidate is faster.
  var speedup: Double { baseline.median / candidate.median }
}

/// The workbook's measuring method, for checks and benchmarks: warm up, repeat, take the median,
/// compare against a baseline measured in the same run.
extension Benchmark {
  /// Runs `body` `warmup` times untimed, then `runs` times timed.
  static func measure(runs: Int = 9, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Timings {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs { samples.append(try time(body)) }
    return Timings(samples: samples)
  }

  /// Times `candidate` and `baseline` alternately (so that machine load affects both alike),
  /// after warming both up.
  static func compare(
    runs: Int = 9, warmup: Int = 2, candidate: () throws -> Void,
    baseline: () throws -> Void
  ) rethrows -> BenchmarkComparison {
    for _ in 0..<warmup {
      try candidate()
      try baseline()
    }
    var c: [Double] = []
    var b: [Double] = []
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
}

extension Benchmark {
  /// "512 B", "75.9 KiB", "2.34 MiB".
  static func describe(bytes: Int) -> String {
    let b = Double(bytes)
    if bytes < 1024 { return "\(bytes) B" }
    if b < 1024 * 1024 { return String(format: "%.3g KiB", b / 1024) }
    return String(format: "%.3g MiB", b / 1024 / 1024)
  }
}
