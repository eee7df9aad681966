import Chapters

// Chapter 14: decomposition and load balance. Read lessons/14-decomposition-and-load-balance/README.md
// first.
//
// Each function answers "who owns what" for a scene of `count` objects numbered 0 ..< count.
// Every rank calls it for itself; the harness gathers the answers and checks that every object
// has exactly one owner.

/// The ids `rank` owns in a block decomposition of `count` objects over `ranks` ranks: one
/// contiguous range per rank, in rank order. Every rank gets count / ranks objects, and the
/// first count % ranks ranks one more (10 objects on 4 ranks: 0..<3, 3..<6, 6..<8, 8..<10).
func blockOwned(rank: Int, ranks: Int, count: Int) -> [Int] {
  let base = count / ranks
  let extra = count % ranks
  // The ranks before this one each took `base`, and min(rank, extra) of them one more.
  let start = rank * base + min(rank, extra)
  let length = base + (rank < extra ? 1 : 0)
  return Array(start..<start + length)
}

/// The ids `rank` owns in a cyclic (round-robin) decomposition: rank, rank + ranks,
/// rank + 2 * ranks, ... as long as they are below `count`.
func cyclicOwned(rank: Int, ranks: Int, count: Int) -> [Int] {
  Array(stride(from: rank, to: count, by: ranks))
}

/// A k-d split of `items` by their centres into `parts` parts; returns `parts` arrays of item
/// ids (part i goes to rank i). Cut each group along the longest axis of its centres' bounding
/// box. A group that must become p parts sends p / 2 parts to the low side and the rest to the
/// high side, and the items follow in proportion: the count * (p / 2) / p items with the
/// smallest coordinates go low. Part sizes then differ by at most one for any number of parts.
func kdParts(_ items: [Chapter14.Item], parts: Int) -> [[Int]] {
  if parts == 1 { return [items.map(\.id)] }
  var low = SIMD3<Double>(repeating: .infinity)
  var high = SIMD3<Double>(repeating: -.infinity)
  for item in items {
    low = pointwiseMin(low, item.center)
    high = pointwiseMax(high, item.center)
  }
  var axis = 0
  if !items.isEmpty {
    let extent = high - low
    for a in 1..<3 where extent[a] > extent[axis] { axis = a }
  }
  // Ties broken by id, so that every rank cuts in the same place.
  let sorted = items.sorted { ($0.center[axis], $0.id) < ($1.center[axis], $1.id) }
  let lowParts = parts / 2
  let cut = items.count * lowParts / parts
  return kdParts(Array(sorted[..<cut]), parts: lowParts) + kdParts(Array(sorted[cut...]), parts: parts - lowParts)
}
