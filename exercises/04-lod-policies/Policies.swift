import WorkbookKit

// Chapter 04: level-of-detail policies. Read lessons/04-lod-policies/README.md first.
//
// Levels are numbered finest first: level 0 has the most triangles and the smallest error.

/// The coarsest level whose geometric error, seen from `distance`, is at most `threshold`
/// pixels. `errors[k]` is level k's error in world units; a length e at distance d covers
/// e · pixelsPerUnit / d pixels. Level 0 when no level is good enough.
func selectLevel(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double) -> Int {
  // TODO(04): project each level's error to pixels and return the largest k that is within
  // the threshold. Always drawing level 0 is never wrong to look at, but it is the most
  // expensive choice there is.
  return 0
}

/// The same, with hysteresis: refine at once when the `previous` level is no longer good
/// enough; coarsen only to levels whose error is at most threshold · (1 − band).
func selectWithHysteresis(
  errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double,
  band: Double, previous: Int
) -> Int {
  // TODO(04): this ignores `previous`, so an object near a threshold flips back and forth.
  // Keep `previous` unless it is too coarse now (then refine) or a coarser level clears the
  // stricter threshold · (1 - band).
  return selectLevel(errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit, threshold: threshold)
}

/// One option index per object, for the most benefit within `budget` seconds: start every
/// object at its cheapest option, then keep making the upgrade with the best added benefit per
/// added cost that still fits.
func chooseLevels(_ options: [[LODOption]], budget: Double) -> [Int] {
  // TODO(04): this draws everything at option 0 (the finest), whatever the budget. Start from
  // each object's cheapest option and upgrade greedily by (added benefit) / (added cost),
  // taking only upgrades that keep the total cost within the budget.
  return options.map { _ in 0 }
}
