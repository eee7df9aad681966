/// One choice for one object: what drawing it at some level costs (seconds, predicted by a cost
/// model) and what it brings (benefit, in the units of the benefit model).
public struct LODOption: Equatable, Sendable {
  /// Predicted seconds to draw the object at this level.
  public var cost: Double
  /// What drawing it at this level is worth; only comparisons between options matter.
  public var benefit: Double

  /// An option from its cost and benefit.
  public init(cost: Double, benefit: Double) {
    self.cost = cost
    self.benefit = benefit
  }
}

/// A linear cost model: a fixed price per object drawn (state changes, a draw call) plus a price
/// per triangle. The workbook's models are stated, not measured: see the chapter for the numbers.
public struct CostModel: Equatable, Sendable {
  /// Seconds per object drawn, whatever its size.
  public var perObject: Double
  /// Seconds per triangle.
  public var perTriangle: Double

  /// A model from its two prices.
  public init(perObject: Double, perTriangle: Double) {
    self.perObject = perObject
    self.perTriangle = perTriangle
  }

  /// Predicted seconds to draw `triangles` triangles as one object.
  public func seconds(triangles: Int) -> Double { perObject + perTriangle * Double(triangles) }
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
public enum BudgetSelector {
  /// One option index per object. `options[i]` lists object `i`'s options (any order). When even
  /// the cheapest options exceed the budget, every object gets its cheapest one.
  public static func greedy(_ options: [[LODOption]], budget: Double) -> [Int] {
    var chosen = options.map { opts in opts.indices.min { opts[$0].cost < opts[$1].cost } ?? 0 }
    var total = zip(options, chosen).reduce(0.0) { $0 + ($1.0.isEmpty ? 0 : $1.0[$1.1].cost) }
    while true {
      var best: (object: Int, option: Int, ratio: Double)? = nil
      for (i, opts) in options.enumerated() where !opts.isEmpty {
        let current = opts[chosen[i]]
        for (k, o) in opts.enumerated() {
          let dBenefit = o.benefit - current.benefit, dCost = o.cost - current.cost
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
  public static func totals(_ options: [[LODOption]], _ chosen: [Int]) -> (cost: Double, benefit: Double) {
    var c = 0.0, b = 0.0
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
public struct FeedbackSelector: Sendable {
  /// The time VTK's OpenGL poly-data mapper reports before its first measurement.
  public static let unmeasured = 0.0001
  /// `measured[object][level]`: last measured seconds, or nil.
  public private(set) var measured: [[Double?]]

  /// A selector for `objects` objects of `levels` levels each, nothing measured yet.
  public init(objects: Int, levels: Int) {
    measured = Array(repeating: Array(repeating: nil, count: levels), count: objects)
  }

  /// The level object `i` draws with `allocated` seconds.
  public func choose(_ i: Int, allocated: Double) -> Int {
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
  public mutating func record(_ i: Int, level: Int, seconds: Double) { measured[i][level] = seconds }
}
