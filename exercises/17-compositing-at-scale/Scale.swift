import Chapters

// Chapter 17: compositing at scale. Read lessons/17-compositing-at-scale/README.md first.
//
// The chapter's radix-k runs on every rank and calls your four functions: encodeRuns and
// decodeRuns for each piece it sends and receives (only covered pixels travel, behind their
// runs), schedule for the groups of each round, and over to blend translucent pieces.
//
//   Chapter17.factors(ranks: 6, k: 3)        [3, 2]: how radix-k factors the ranks
//   Chapter17.Round(group: [0, 2, 4], keep: 1)   one round of a rank's schedule
//   Chapter17.Premultiplied                  SIMD4<Float>: (r·a, g·a, b·a, a)

typealias Round = Chapter17.Round
typealias Premultiplied = Chapter17.Premultiplied

/// Run lengths of a piece, `covered[i]` telling whether pixel i is drawn: the counts
/// [empty, active, empty, active, …] of maximal runs. The list starts with an empty run (0 when
/// the first pixel is covered); no pair is (0, 0); empties at the end make a last pair (n, 0);
/// no pixels give no runs. [false, true, true, false] gives [1, 2, 1, 0].
func encodeRuns(_ covered: [Bool]) -> [UInt32] {
  // TODO(17): walk the pixels; count empties until a covered one (or the end), then covered
  // ones until an empty one (or the end); append both counts; repeat until the end.
  return []
}

/// The covered flags back from the runs: the inverse of `encodeRuns`.
func decodeRuns(_ runs: [UInt32]) -> [Bool] {
  // TODO(17): runs at even places are empties (false), at odd places active pixels (true).
  return []
}

/// The radix-k schedule of `rank` when the ranks are factored as `factors` (their product is
/// the number of ranks): one Round per factor. Round i groups the ranks that differ from
/// `rank` only in digit i of `rank` written in the mixed radix of `factors` (digit 0 counts in
/// units of 1, digit i in units of stride_i = factors[0] · … · factors[i − 1]). The group
/// lists them lowest first; `keep` is `rank`'s own digit i, its place in the group.
/// factors [2, 3] at rank 3: [Round(group: [2, 3], keep: 1), Round(group: [1, 3, 5], keep: 1)].
func schedule(_ rank: Int, _ factors: [Int]) -> [Round] {
  // TODO(17): stride = 1; for each f: digit = (rank / stride) % f, the group is the f ranks
  // rank − digit·stride + j·stride for j = 0 ..< f; keep = digit; then stride *= f.
  return []
}

/// `front` over `back`, both premultiplied (colour already multiplied by alpha): what you see
/// through the front piece with the back one behind it.
func over(_ front: Premultiplied, _ back: Premultiplied) -> Premultiplied {
  // TODO(17): the back shows through as much as the front lets light pass (1 − front's alpha).
  return front
}
