import MPI

/// Chapter 16's answer key, used by the checks, the demo, the benchmark and the variants.
extension Chapter16 {
  /// How the reference combines runs of pixels: `merge` (a, aRange, b, bRange, bWinsTies) makes
  /// a new run, each pixel the nearer of the two; `composite` writes a higher rank's whole image
  /// into another in place. The benchmark swaps in `messagesOnly`, which does neither, to time
  /// the messages alone.
  struct Compositor {
    var merge: (Pixels, Range<Int>, Pixels, Range<Int>, Bool) -> Pixels
    var composite: (Pixels, inout Pixels) -> Void

    /// The z-test.
    static var real: Compositor {
      Compositor(
        merge: { referenceMerge($0, $1, $2, $3, bWinsTies: $4) },
        composite: { referenceComposite($0, count: $0.count, into: &$1, at: 0, incomingWinsTies: false) })
    }
    /// Keeps the run it already holds and ignores what arrived (binary swap still copies the
    /// half it keeps, as the real merge writes it).
    static var messagesOnly: Compositor {
      Compositor(
        merge: { a, aRange, _, _, _ in aRange == 0..<a.count ? a : a[aRange] },
        composite: { _, _ in })
    }
  }

  /// The five functions done right.
  static var reference: Learner {
    Learner(
      composite: { referenceComposite($0, count: $0.count, into: &$1, at: $2, incomingWinsTies: $3) },
      gatherToRoot: { try referenceGather($0, $1) }, binaryTree: { try referenceTree($0, $1) },
      directSend: { try referenceDirectSend($0, $1) }, binarySwap: { try referenceBinarySwap($0, $1) })
  }

  /// In place: the first `n` incoming pixels written over `mine[offset...]` where nearer (or
  /// equal, when the incoming ones win ties).
  static func referenceComposite(
    _ incoming: Pixels, count n: Int, into mine: inout Pixels, at offset: Int,
    incomingWinsTies: Bool
  ) {
    precondition(
      n <= incoming.count && offset >= 0 && offset + n <= mine.count,
      "pixels \(offset)..<\(offset + n) outside \(mine.count)")
    incoming.depth.withUnsafeBufferPointer { inDepth in
      incoming.color.withUnsafeBufferPointer { inColor in
        mine.depth.withUnsafeMutableBufferPointer { myDepth in
          mine.color.withUnsafeMutableBufferPointer { myColor in
            let d = myDepth.baseAddress! + offset
            let c = myColor.baseAddress! + offset
            if incomingWinsTies {
              for i in 0..<n where inDepth[i] <= d[i] {
                d[i] = inDepth[i]
                c[i] = inColor[i]
              }
            } else {
              for i in 0..<n where inDepth[i] < d[i] {
                d[i] = inDepth[i]
                c[i] = inColor[i]
              }
            }
          }
        }
      }
    }
  }

  /// Out of place: `a[aRange]` and `b[bRange]` (equally long) into a new run, the nearer of each
  /// pair. Writing a fresh buffer costs no more than writing in place, and it never copies
  /// the part of an image that is given away.
  static func referenceMerge(_ a: Pixels, _ aRange: Range<Int>, _ b: Pixels, _ bRange: Range<Int>, bWinsTies: Bool)
    -> Pixels
  {
    let n = aRange.count
    precondition(bRange.count == n && aRange.upperBound <= a.count && bRange.upperBound <= b.count)
    var color = [UInt32](unsafeUninitializedCapacity: n) { _, count in count = n }
    var depth = [Float](unsafeUninitializedCapacity: n) { _, count in count = n }
    a.depth.withUnsafeBufferPointer { ad in
      a.color.withUnsafeBufferPointer { ac in
        b.depth.withUnsafeBufferPointer { bd in
          b.color.withUnsafeBufferPointer { bc in
            depth.withUnsafeMutableBufferPointer { od in
              color.withUnsafeMutableBufferPointer { oc in
                let (da, ca) = (ad.baseAddress! + aRange.lowerBound, ac.baseAddress! + aRange.lowerBound)
                let (db, cb) = (bd.baseAddress! + bRange.lowerBound, bc.baseAddress! + bRange.lowerBound)
                for i in 0..<n {
                  let takeB = bWinsTies ? db[i] <= da[i] : db[i] < da[i]
                  od[i] = takeB ? db[i] : da[i]
                  oc[i] = takeB ? cb[i] : ca[i]
                }
              }
            }
          }
        }
      }
    }
    return Pixels(color: color, depth: depth)
  }

  /// Rows `rows` of a `width`-pixel-wide image, as pixel indices.
  static func pixels(rows: Range<Int>, width: Int) -> Range<Int> { rows.lowerBound * width..<rows.upperBound * width }

  /// Strip `r` of `p` of an image `height` rows tall: the first `height % p` strips get one row
  /// more.
  static func stripRows(_ r: Int, of p: Int, height: Int) -> Range<Int> {
    let base = height / p
    let extra = height % p
    let start = r * base + min(r, extra)
    return start..<start + base + (r < extra ? 1 : 0)
  }

  /// Everyone sends to rank 0, which merges in rank order; each later image loses ties.
  static func referenceGather(_ mine: Pixels, _ link: Link, with c: Compositor = .real) throws -> Pixels? {
    let all = 0..<mine.count
    guard link.rank == 0 else {
      try link.send(mine, range: all, to: 0)
      return nil
    }
    var result = mine
    var incoming = Pixels(count: mine.count)
    for r in 1..<link.size {
      try link.receive(into: &incoming, range: all, from: r)
      // The first merge makes a buffer of rank 0's own; later ones write into it in place,
      // touching only the pixels the newcomer wins.
      if r == 1 { result = c.merge(result, all, incoming, all, false) } else { c.composite(incoming, &result) }
    }
    return result
  }

  /// A binomial tree toward rank 0: in the round of bit k, a rank whose bit k is set sends what
  /// it holds to the rank without that bit and is done; the receiver merges it as the higher
  /// group, which loses ties.
  static func referenceTree(_ mine: Pixels, _ link: Link, with c: Compositor = .real) throws -> Pixels? {
    let all = 0..<mine.count
    var result = mine
    var incoming = Pixels(count: mine.count)
    var merged = false
    var bit = 1
    while bit < link.size {
      if link.rank & bit != 0 {
        try link.send(result, range: all, to: link.rank - bit)
        return nil
      }
      if link.rank + bit < link.size {
        try link.receive(into: &incoming, range: all, from: link.rank + bit)
        if merged { c.composite(incoming, &result) } else { result = c.merge(result, all, incoming, all, false) }
        merged = true
      }
      bit <<= 1
    }
    return result
  }

  /// Each rank owns a strip of rows. In step s it sends its pixels of strip (rank + s) and
  /// receives strip `rank` from rank − s, both at once; then it merges the P versions of its
  /// strip in rank order, so lower ranks win ties.
  static func referenceDirectSend(_ mine: Pixels, _ link: Link, with c: Compositor = .real) throws -> Piece {
    let p = link.size
    let r = link.rank
    let own = pixels(rows: stripRows(r, of: p, height: link.height), width: link.width)
    var versions = [Pixels?](repeating: nil, count: p)
    for s in 1..<p {
      let to = (r + s) % p
      let from = (r - s + p) % p
      var incoming = Pixels(count: own.count)
      try link.exchange(
        mine, sending: pixels(rows: stripRows(to, of: p, height: link.height), width: link.width), to: to,
        into: &incoming, receiving: 0..<own.count, from: from)
      versions[from] = incoming
    }
    // Rank order; this rank's own version is read in place from its image.
    let version = { (q: Int) in q == r ? (mine, own) : (versions[q]!, 0..<own.count) }
    var (result, range) = version(0)
    for q in 1..<p {
      let (next, nextRange) = version(q)
      result = c.merge(result, range, next, nextRange, false)
      range = 0..<own.count
    }
    return Piece(range: own, pixels: range == 0..<result.count ? result : result[range])
  }

  /// log₂ P rounds on the part still owned (the whole image at first): in the round of bit k
  /// the partner is rank ^ 2^k; the lower rank keeps the first half, the higher the second, and
  /// each sends the other half. The partner's group of ranks is entirely below or above this
  /// one's, so its pixels win ties exactly when the partner is the lower rank. `work` holds the
  /// owned part (image pixels from `base`), merged into a new, smaller buffer each round.
  static func referenceBinarySwap(_ mine: Pixels, _ link: Link, with c: Compositor = .real) throws -> Piece {
    let p = link.size
    guard p & (p - 1) == 0 else { throw CompositingError.notAPowerOfTwo(ranks: p) }
    var work = mine
    var base = 0
    var owned = 0..<mine.count
    var bit = 1
    while bit < p {
      let partner = link.rank ^ bit
      let mid = owned.lowerBound + owned.count / 2
      let (keep, give) =
        link.rank < partner
        ? (owned.lowerBound..<mid, mid..<owned.upperBound)
        : (mid..<owned.upperBound, owned.lowerBound..<mid)
      var incoming = Pixels(count: keep.count)
      try link.exchange(
        work, sending: give.lowerBound - base..<give.upperBound - base, to: partner, into: &incoming,
        receiving: 0..<keep.count, from: partner)
      work = c.merge(
        work, keep.lowerBound - base..<keep.upperBound - base, incoming, 0..<keep.count, partner < link.rank)
      (base, owned) = (keep.lowerBound, keep)
      bit <<= 1
    }
    return Piece(range: owned, pixels: work)
  }

  /// The oracle: every rank's image composited in one place, pixel by pixel, nearest first and
  /// the lowest rank on ties.
  static func serialComposite(_ images: [Pixels]) -> Pixels {
    var result = images[0]
    for q in images.indices.dropFirst() {
      referenceComposite(images[q], count: images[q].count, into: &result, at: 0, incomingWinsTies: false)
    }
    return result
  }
}
