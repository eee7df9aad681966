import Chapters

// Chapter 17: compositing at scale, solved.

typealias Round = Chapter17.Round
typealias Premultiplied = Chapter17.Premultiplied

/// Run lengths of a piece: [empty, active, empty, active, …] of maximal runs, an empty run
/// first (0 when the first pixel is covered), a last pair (n, 0) for empties at the end.
func encodeRuns(_ covered: [Bool]) -> [UInt32] {
  var runs: [UInt32] = []
  var i = 0
  while i < covered.count {
    var empty: UInt32 = 0
    while i < covered.count && !covered[i] {
      empty += 1
      i += 1
    }
    var active: UInt32 = 0
    while i < covered.count && covered[i] {
      active += 1
      i += 1
    }
    runs.append(empty)
    runs.append(active)
  }
  return runs
}

/// The covered flags back from the runs.
func decodeRuns(_ runs: [UInt32]) -> [Bool] {
  var covered: [Bool] = []
  for (place, count) in runs.enumerated() {
    covered.append(contentsOf: Array(repeating: place % 2 == 1, count: Int(count)))
  }
  return covered
}

/// The radix-k schedule of `rank`: in round i, the ranks that differ from it only in digit i
/// of the mixed radix of `factors`.
func schedule(_ rank: Int, _ factors: [Int]) -> [Round] {
  var stride = 1
  var rounds: [Round] = []
  for f in factors {
    let digit = (rank / stride) % f
    let first = rank - digit * stride
    rounds.append(Round(group: (0..<f).map { first + $0 * stride }, keep: digit))
    stride *= f
  }
  return rounds
}

/// `front` over `back`, premultiplied.
func over(_ front: Premultiplied, _ back: Premultiplied) -> Premultiplied {
  front + (1 - front.w) * back
}
