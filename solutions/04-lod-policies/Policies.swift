import WorkbookKit

// Chapter 04: level-of-detail policies. Read lessons/04-lod-policies/README.md first.
//
// Levels are numbered finest first: level 0 has the most triangles and the smallest error.

/// The coarsest level whose geometric error, seen from `distance`, is at most `threshold`
/// pixels. `errors[k]` is level k's error in world units; a length e at distance d covers
/// e · pixelsPerUnit / d pixels. Level 0 when no level is good enough.
func selectLevel(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double) -> Int {
  var best = 0
  for k in errors.indices where errors[k] * pixelsPerUnit / max(distance, 1e-9) <= threshold { best = k }
  return best
}

/// The same, with hysteresis: refine at once when the `previous` level is no longer good
/// enough; coarsen only to levels whose error is at most threshold · (1 − band).
func selectWithHysteresis(
  errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double,
  band: Double, previous: Int
) -> Int {
  let pixels = { (k: Int) in errors[k] * pixelsPerUnit / max(distance, 1e-9) }
  if pixels(previous) > threshold {
    // Too coarse now: refine to the plain choice, no waiting (an error you can see is worse
    // than a switch).
    return selectLevel(errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit, threshold: threshold)
  }
  // Good enough: go coarser only with a margin, so a small move back and forth does not pop.
  var best = previous
  for k in previous..<errors.count where pixels(k) <= threshold * (1 - band) { best = k }
  return best
}

/// One option index per object, for the most benefit within `budget` seconds: start every
/// object at its cheapest option, then keep making the upgrade with the best added benefit per
/// added cost that still fits.
func chooseLevels(_ options: [[LODOption]], budget: Double) -> [Int] {
  var chosen = options.map { opts in opts.indices.min { opts[$0].cost < opts[$1].cost }! }
  var spent = zip(options, chosen).reduce(0.0) { $0 + $1.0[$1.1].cost }
  while true {
    var best: (object: Int, option: Int, ratio: Double)? = nil
    for i in options.indices {
      let now = options[i][chosen[i]]
      for k in options[i].indices {
        let gain = options[i][k].benefit - now.benefit
        let extra = options[i][k].cost - now.cost
        // Only upgrades that add benefit and fit in what is left of the budget.
        guard gain > 0, spent + extra <= budget else { continue }
        let ratio = extra <= 0 ? Double.infinity : gain / extra
        if best == nil || ratio > best!.ratio { best = (i, k, ratio) }
      }
    }
    guard let b = best else { return chosen }
    spent += options[b.object][b.option].cost - options[b.object][chosen[b.object]].cost
    chosen[b.object] = b.option
  }
}
