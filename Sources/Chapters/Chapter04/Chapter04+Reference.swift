import Foundation
import WorkbookKit

// Chapter 04's answer key: the level-selection policies the exercise asks for, used by the
// chapter's checks, its demo and its benchmark. Internal, so no exercise can call it.

/// Screen-space error: a geometric error seen from the camera, in pixels.
///
/// A length `e` facing the camera at distance `d` covers `e · ppu / d` pixels, where `ppu`
/// (`PerspectiveCamera.pixelsPerUnit`) is `H / (2 tan(viewAngle / 2))` for a viewport `H` pixels
/// tall. A level whose error projects to at most `threshold` pixels looks the same as the full
/// mesh, so the cheapest such level is the one to draw.
enum ScreenSpaceError {
  /// `error · pixelsPerUnit / distance`: the error in pixels. Distances below 1e-9 count as 1e-9.
  static func pixels(error: Double, distance: Double, pixelsPerUnit: Double) -> Double {
    error * pixelsPerUnit / max(distance, 1e-9)
  }

  /// The coarsest level whose projected error is at most `threshold` pixels (level 0 when none is).
  static func select(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double) -> Int {
    var best = 0
    for k in errors.indices
    where pixels(error: errors[k], distance: distance, pixelsPerUnit: pixelsPerUnit) <= threshold {
      best = k
    }
    return best
  }

  /// The same choice with hysteresis, so that an object near a threshold does not flip every
  /// frame ("popping").
  ///
  /// Refining is immediate: when the `previous` level's error exceeds `threshold`, the result is
  /// `select` (a finer level). Coarsening must clear a stricter bar: the result is the coarsest
  /// level at or above `previous` whose error is at most `threshold · (1 − band)`; if no coarser
  /// level does, the object stays at `previous`. With `band = 0` this is `select` again (for
  /// errors that grow with the level).
  static func selectWithHysteresis(
    errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double,
    band: Double, previous: Int
  ) -> Int {
    let px = { (k: Int) in pixels(error: errors[k], distance: distance, pixelsPerUnit: pixelsPerUnit) }
    guard errors.indices.contains(previous), px(previous) <= threshold else {
      return select(errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit, threshold: threshold)
    }
    var best = previous
    for k in previous..<errors.count where px(k) <= threshold * (1 - band) { best = k }
    return best
  }

  /// How many times consecutive entries differ: level switches along a sequence.
  static func switches(_ levels: [Int]) -> Int {
    zip(levels, levels.dropFirst()).filter { $0 != $1 }.count
  }
}

/// Chooses one level per object to get the most benefit within a frame-time budget, greedily by
/// benefit per cost, after Funkhouser and Séquin (SIGGRAPH 1993).
///
/// Choosing one option per object under a total-cost limit is a multiple-choice knapsack
/// problem, NP-hard in general. The greedy answer: start every object at its cheapest option,
/// then repeatedly make the single upgrade (one object, to any option that adds benefit) with the
/// largest added benefit per added cost that still fits, until none fits. It predicts the frame
/// before drawing it, from the cost model, instead of reacting to the last frame's time.
///
/// ```swift
/// let levels = BudgetSelector.greedy(options, budget: 0.050)   // one index per object
/// ```
enum BudgetSelector {
  /// One option index per object. `options[i]` lists object `i`'s options (any order). When even
  /// the cheapest options exceed the budget, every object gets its cheapest one.
  static func greedy(_ options: [[LODOption]], budget: Double) -> [Int] {
    var chosen = options.map { opts in opts.indices.min { opts[$0].cost < opts[$1].cost } ?? 0 }
    var total = zip(options, chosen).reduce(0.0) { $0 + ($1.0.isEmpty ? 0 : $1.0[$1.1].cost) }
    while true {
      var best: (object: Int, option: Int, ratio: Double)? = nil
      for (i, opts) in options.enumerated() where !opts.isEmpty {
        let current = opts[chosen[i]]
        for (k, o) in opts.enumerated() {
          let dBenefit = o.benefit - current.benefit
          let dCost = o.cost - current.cost
          guard dBenefit > 0, total + dCost <= budget else { continue }
          // A free improvement (dCost ≤ 0) is always worth taking first.
          let ratio = dCost <= 0 ? Double.infinity : dBenefit / dCost
          if best == nil || ratio > best!.ratio { best = (i, k, ratio) }
        }
      }
      guard let b = best else { return chosen }
      total += options[b.object][b.option].cost - options[b.object][chosen[b.object]].cost
      chosen[b.object] = b.option
    }
  }

  /// Total cost and benefit of a choice.
  static func totals(_ options: [[LODOption]], _ chosen: [Int]) -> (cost: Double, benefit: Double) {
    var c = 0.0
    var b = 0.0
    for (opts, k) in zip(options, chosen) where opts.indices.contains(k) {
      c += opts[k].cost
      b += opts[k].benefit
    }
    return (c, b)
  }
}

/// VTK's way, for comparison: each object is given a share of the frame time and picks, like
/// `vtkLODActor`, from the draw times it *measured* the last time each level was drawn.
///
/// `vtkLODActor` keeps the full-detail mapper unless its last measured time exceeds the time
/// allotted; then it takes the slowest level whose measured time still fits, or the fastest one.
/// A level never drawn reports the OpenGL mapper's starting value of 0.0001 s, so new objects
/// start at full detail. Reacting one frame late is what makes this approach overshoot when the
/// view changes suddenly.
struct FeedbackSelector: Sendable {
  /// The time VTK's OpenGL poly-data mapper reports before its first measurement.
  static let unmeasured = 0.0001
  /// `measured[object][level]`: last measured seconds, or nil.
  private(set) var measured: [[Double?]]

  /// A selector for `objects` objects of `levels` levels each, nothing measured yet.
  init(objects: Int, levels: Int) {
    measured = Array(repeating: Array(repeating: nil, count: levels), count: objects)
  }

  /// The level object `i` draws with `allocated` seconds.
  func choose(_ i: Int, allocated: Double) -> Int {
    let t = measured[i].map { $0 ?? FeedbackSelector.unmeasured }
    guard t[0] > allocated else { return 0 }
    var best = 0
    for k in 1..<t.count {
      if t[best] > allocated && t[k] < t[best] { best = k }
      if t[k] > t[best] && t[k] < allocated { best = k }
    }
    return best
  }

  /// Records what drawing object `i` at `level` took.
  mutating func record(_ i: Int, level: Int, seconds: Double) { measured[i][level] = seconds }
}
