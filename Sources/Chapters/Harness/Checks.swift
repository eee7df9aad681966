import Foundation
import Imaging
import WorkbookContract

/// Builders for every kind of check a chapter makes. Each returns a `CheckResult`; none throws
/// or stops the program, so one failing check never hides the others.
///
/// ```swift
/// report.add(Checks.exact("visible-count", expected: 412, got: culled.count))
/// report.add(Checks.sameSet("culled-ids", expected: reference, got: learner))
/// ```
enum Checks {
  /// Passes when `got == expected`.
  static func exact<T: Equatable>(_ name: String, expected: T, got: T, detail: String? = nil) -> CheckResult {
    CheckResult(
      name: name, kind: .exact, passed: got == expected, expected: "\(expected)", got: "\(got)", detail: detail)
  }

  /// Passes when `got` is within `absolute` of `expected`, or within `relative` of it (as a
  /// fraction of |expected|), whichever allows more. NaN never passes.
  static func close(
    _ name: String, expected: Double, got: Double, absolute: Double = 0, relative: Double = 0,
    detail: String? = nil
  ) -> CheckResult {
    let allowed = max(absolute, relative * abs(expected))
    let passed = !got.isNaN && !expected.isNaN && abs(got - expected) <= allowed
    return CheckResult(
      name: name, kind: .tolerance, passed: passed, expected: "\(format(expected)) ± \(format(allowed))",
      got: format(got), detail: detail ?? (passed ? nil : "off by \(format(abs(got - expected)))"))
  }

  /// Passes when every pair of elements is `close` (same tolerances), naming the first bad index.
  /// `what` names the values in the verdict ("values of rank 1's state at step 60").
  static func allClose(
    _ name: String, expected: [Double], got: [Double], absolute: Double = 0,
    relative: Double = 0, of what: String = "values"
  ) -> CheckResult {
    guard expected.count == got.count else {
      return CheckResult(
        name: name, kind: .tolerance, passed: false, expected: "\(expected.count) \(what)",
        got: "\(got.count) \(what)")
    }
    for i in expected.indices {
      let allowed = max(absolute, relative * abs(expected[i]))
      if got[i].isNaN || abs(got[i] - expected[i]) > allowed {
        return CheckResult(
          name: name, kind: .tolerance, passed: false, expected: "[\(i)] = \(format(expected[i])) ± \(format(allowed))",
          got: "[\(i)] = \(format(got[i]))", detail: "first of the \(expected.count) \(what) that differs")
      }
    }
    return CheckResult(
      name: name, kind: .tolerance, passed: true, expected: "\(expected.count) \(what) within tolerance",
      got: "all \(got.count) within tolerance")
  }

  /// Passes when the two sets are equal; on failure lists a few missing and extra elements.
  static func sameSet<T: Hashable & Comparable>(_ name: String, expected: Set<T>, got: Set<T>) -> CheckResult {
    let missing = expected.subtracting(got).sorted()
    let extra = got.subtracting(expected).sorted()
    let passed = missing.isEmpty && extra.isEmpty
    var detail: String? = nil
    if !passed {
      var parts: [String] = []
      if !missing.isEmpty { parts.append("missing \(missing.count): \(preview(missing))") }
      if !extra.isEmpty { parts.append("unexpected \(extra.count): \(preview(extra))") }
      detail = parts.joined(separator: "; ")
    }
    return CheckResult(
      name: name, kind: .set, passed: passed, expected: "\(expected.count) elements",
      got: "\(got.count) elements", detail: detail)
  }

  /// Passes when `got` ⊆ `superset` (for example: what a box test keeps is a subset of what a
  /// sphere test keeps).
  static func subset<T: Hashable & Comparable>(_ name: String, _ got: Set<T>, of superset: Set<T>) -> CheckResult {
    let outside = got.subtracting(superset).sorted()
    return CheckResult(
      name: name, kind: .set, passed: outside.isEmpty, expected: "a subset of \(superset.count) elements",
      got: "\(got.count) elements, \(outside.count) outside",
      detail: outside.isEmpty ? nil : "not in the superset: \(preview(outside))")
  }

  /// A deterministic counter (triangles drawn, props rendered, bytes sent) that must equal
  /// `expected` exactly.
  static func counter(_ name: String, expected: Int, got: Int, unit: String = "") -> CheckResult {
    let u = unit.isEmpty ? "" : " \(unit)"
    return CheckResult(
      name: name, kind: .counter, passed: got == expected, expected: "\(expected)\(u)", got: "\(got)\(u)")
  }

  /// Passes when `got` lies in `range` (inclusive), for counters and measures with a bound.
  static func within<T: Comparable>(
    _ name: String, _ range: ClosedRange<T>, got: T, unit: String = "",
    detail: String? = nil
  ) -> CheckResult {
    let u = unit.isEmpty ? "" : " \(unit)"
    return CheckResult(
      name: name, kind: .bound, passed: range.contains(got),
      expected: "between \(range.lowerBound)\(u) and \(range.upperBound)\(u)", got: "\(got)\(u)", detail: detail)
  }

  /// Passes when `got >= minimum`.
  static func atLeast<T: Comparable>(
    _ name: String, _ minimum: T, got: T, unit: String = "",
    detail: String? = nil
  ) -> CheckResult {
    let u = unit.isEmpty ? "" : " \(unit)"
    return CheckResult(
      name: name, kind: .bound, passed: got >= minimum, expected: "at least \(minimum)\(u)",
      got: "\(got)\(u)", detail: detail)
  }

  /// Passes when `got <= maximum`.
  static func atMost<T: Comparable>(
    _ name: String, _ maximum: T, got: T, unit: String = "",
    detail: String? = nil
  ) -> CheckResult {
    let u = unit.isEmpty ? "" : " \(unit)"
    return CheckResult(
      name: name, kind: .bound, passed: got <= maximum, expected: "at most \(maximum)\(u)",
      got: "\(got)\(u)", detail: detail)
  }

  /// A plain pass/fail with words for both sides, for conditions no other builder fits.
  static func that(_ name: String, _ passed: Bool, expected: String, got: String, detail: String? = nil) -> CheckResult
  {
    CheckResult(name: name, kind: .exact, passed: passed, expected: expected, got: got, detail: detail)
  }

  /// Compares an image with a reference made in the same run.
  ///
  /// A pixel is bad when a channel differs by more than `tolerance`; the check passes when bad
  /// pixels are at most `badPixelBudget` (a fraction of all pixels). On failure it writes
  /// `<name>-yours.png`, `<name>-reference.png` and `<name>-diff.png` into `directory` and names
  /// them in the detail.
  static func image(
    _ name: String, _ image: RGBAImage, reference: RGBAImage, tolerance: Int = 2,
    badPixelBudget: Double = 0.001, directory: String
  ) -> CheckResult {
    guard image.width == reference.width, image.height == reference.height else {
      return CheckResult(
        name: name, kind: .image, passed: false, expected: "\(reference.width)x\(reference.height) image",
        got: "\(image.width)x\(image.height) image")
    }
    let cmp = ImageComparison(image, reference: reference, tolerance: tolerance)
    let passed = cmp.badFraction <= badPixelBudget
    var detail: String? = nil
    if !passed {
      let base = (directory as NSString).appendingPathComponent(name)
      do {
        try image.writePNG(to: base + "-yours.png")
        try reference.writePNG(to: base + "-reference.png")
        try cmp.diff.writePNG(to: base + "-diff.png")
        detail = "wrote \(base)-yours.png, -reference.png and -diff.png (bad pixels in red)"
      } catch {
        detail = "could not write the comparison images: \(error)"
      }
    }
    return CheckResult(
      name: name, kind: .image, passed: passed,
      expected: "at most \(format(badPixelBudget * 100))% pixels off by more than \(tolerance)",
      got:
        "\(cmp.badPixels) of \(cmp.totalPixels) (\(format(cmp.badFraction * 100))%), largest difference \(cmp.maxDifference)",
      detail: detail)
  }

  /// A relative-performance check: the learner's code against a baseline measured in the same
  /// process (see `Benchmark.compare`). `speedup` is baseline time / candidate time.
  ///
  /// - Parameters:
  ///   - atLeast: the speed-up required (1.0: as fast as the baseline; 0.5: at most twice as slow).
  ///   - noiseMargin: fraction forgiven for timer noise; the check passes when
  ///     `speedup >= atLeast * (1 - noiseMargin)`.
  static func faster(
    _ name: String, comparison: BenchmarkComparison, atLeast required: Double,
    noiseMargin: Double = 0.1
  ) -> CheckResult {
    let threshold = required * (1 - noiseMargin)
    let passed = comparison.speedup >= threshold
    return CheckResult(
      name: name, kind: .performance, passed: passed,
      expected:
        "speed-up ≥ \(format(required))× (\(format(threshold))× with the \(Int(noiseMargin * 100))% noise margin)",
      got: "\(format(comparison.speedup))×",
      detail:
        "median \(comparison.candidate.medianDescription) vs baseline \(comparison.baseline.medianDescription), \(comparison.candidate.samples.count) runs each"
    )
  }

  /// A number for people: integers as they are, others with four significant digits.
  static func format(_ v: Double) -> String { ReportFormat.number(v) }

  static func preview<T>(_ items: [T], limit: Int = 8) -> String {
    let shown = items.prefix(limit).map { "\($0)" }.joined(separator: ", ")
    return items.count > limit ? shown + ", …" : shown
  }
}
