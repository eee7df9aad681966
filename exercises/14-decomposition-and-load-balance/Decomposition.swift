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
  // TODO(14): work out where this rank's range starts and how long it is. Ranks before this
  // one that got an extra object shift the start: min(rank, count % ranks) of them.
  return []
}

/// The ids `rank` owns in a cyclic (round-robin) decomposition: rank, rank + ranks,
/// rank + 2 * ranks, ... as long as they are below `count`.
func cyclicOwned(rank: Int, ranks: Int, count: Int) -> [Int] {
  // TODO(14): one stride.
  return []
}

/// A k-d split of `items` by their centres into `parts` parts; returns `parts` arrays of item
/// ids (part i goes to rank i). Cut each group along the longest axis of its centres' bounding
/// box. A group that must become p parts sends p / 2 parts to the low side and the rest to the
/// high side, and the items follow in proportion: the count * (p / 2) / p items with the
/// smallest coordinates go low. Part sizes then differ by at most one for any number of parts.
func kdParts(_ items: [Chapter14.Item], parts: Int) -> [[Int]] {
  // TODO(14): one part: all the ids. Otherwise find the longest axis (max − min of the
  // centres per axis), sort the items along it, cut at the proportional count, and split each
  // side again into its share of the parts; the low side's parts come first.
  return Array(repeating: [], count: parts)
}
