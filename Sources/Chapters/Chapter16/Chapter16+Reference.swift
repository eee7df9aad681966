import MPI

/// Chapter 16's answer key, used by the checks, the demo, the benchmark and the variants.
extension Chapter16 {
  /// The z-test applied to the first `count` pixels of a run (incoming, count, mine, offset,
  /// incomingWinsTies); the benchmark swaps in one that does nothing, to time the messages
  /// alone.
  typealias CompositeFunction = (Pixels, Int, inout Pixels, Int, Bool) -> Void

  /// The five functions done right.
  static let reference = Learner(composite: { referenceComposite($0, count: $0.count, into: &$1, at: $2, incomingWinsTies: $3) },
                                 gatherToRoot: { try referenceGather($0, $1) },
                                 binaryTree: { try referenceTree($0, $1) }, directSend: { try referenceDirectSend($0, $1) },
                                 binarySwap: { try referenceBinarySwap($0, $1) })

  /// Nearer wins; at equal depth the incoming pixel wins only when told so. Written over raw
  /// buffers: this loop is the whole of the compositing arithmetic, and runs once per pixel
  /// per message.
  static func referenceComposite(_ incoming: Pixels, count n: Int, into mine: inout Pixels, at offset: Int, incomingWinsTies: Bool) {
    precondition(n <= incoming.count && offset >= 0 && offset + n <= mine.count, "pixels \(offset)..<\(offset + n) outside \(mine.count)")
    incoming.depth.withUnsafeBufferPointer { inDepth in
      incoming.color.withUnsafeBufferPointer { inColor in
        mine.depth.withUnsafeMutableBufferPointer { myDepth in
          mine.color.withUnsafeMutableBufferPointer { myColor in
            let d = myDepth.baseAddress! + offset, c = myColor.baseAddress! + offset
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

  /// Rows `rows` of a `width`-pixel-wide image, as pixel indices.
  static func pixels(rows: Range<Int>, width: Int) -> Range<Int> { rows.lowerBound * width..<rows.upperBound * width }

  /// Strip `r` of `p` of an image `height` rows tall: the first `height % p` strips get one row
  /// more.
  static func stripRows(_ r: Int, of p: Int, height: Int) -> Range<Int> {
    let base = height / p, extra = height % p
    let start = r * base + min(r, extra)
    return start..<start + base + (r < extra ? 1 : 0)
  }

  /// Everyone sends to rank 0, which composites in rank order; each later image loses ties.
  static func referenceGather(_ mine: Pixels, _ link: Link, composite: CompositeFunction = referenceComposite) throws -> Pixels? {
    guard link.rank == 0 else {
      try link.send(mine, range: 0..<mine.count, to: 0)
      return nil
    }
    var result = mine, incoming = Pixels(count: mine.count)
    for r in 1..<link.size {
      try link.receive(into: &incoming, range: 0..<mine.count, from: r)
      composite(incoming, incoming.count, &result, 0, false)
    }
    return result
  }

  /// A binomial tree toward rank 0: in the round of bit k, a rank whose bit k is set sends what
  /// it holds to the rank without that bit and is done; the receiver composites it as the
  /// higher group, which loses ties.
  static func referenceTree(_ mine: Pixels, _ link: Link, composite: CompositeFunction = referenceComposite) throws -> Pixels? {
    var result = mine, incoming = Pixels(count: mine.count)
    var bit = 1
    while bit < link.size {
      if link.rank & bit != 0 {
        try link.send(result, range: 0..<result.count, to: link.rank - bit)
        return nil
      }
      if link.rank + bit < link.size {
        try link.receive(into: &incoming, range: 0..<result.count, from: link.rank + bit)
        composite(incoming, incoming.count, &result, 0, false)
      }
      bit <<= 1
    }
    return result
  }

  /// Each rank owns a strip of rows. In step s it sends its pixels of strip (rank + s) and
  /// receives strip `rank` from rank − s, both at once; then it composites the P versions of
  /// its strip in rank order, so lower ranks win ties.
  static func referenceDirectSend(_ mine: Pixels, _ link: Link, composite: CompositeFunction = referenceComposite) throws -> Piece {
    let p = link.size, r = link.rank
    let own = pixels(rows: stripRows(r, of: p, height: link.height), width: link.width)
    var versions = [Pixels?](repeating: nil, count: p)
    versions[r] = mine[own]
    for s in 1..<p {
      let to = (r + s) % p, from = (r - s + p) % p
      var incoming = Pixels(count: own.count)
      try link.exchange(mine, sending: pixels(rows: stripRows(to, of: p, height: link.height), width: link.width), to: to,
                        into: &incoming, receiving: 0..<own.count, from: from)
      versions[from] = incoming
    }
    var result = versions[0]!
    for q in 1..<p { composite(versions[q]!, own.count, &result, 0, false) }
    return Piece(range: own, pixels: result)
  }

  /// log₂ P rounds on the part still owned (the whole image at first): in the round of bit k
  /// the partner is rank ^ 2^k; the lower rank keeps the first half, the higher the second, and
  /// each sends the other half. The partner's group of ranks is entirely below or above this
  /// one's, so its pixels win ties exactly when the partner is the lower rank.
  static func referenceBinarySwap(_ mine: Pixels, _ link: Link, composite: CompositeFunction = referenceComposite) throws -> Piece {
    let p = link.size
    guard p & (p - 1) == 0 else { throw CompositingError.notAPowerOfTwo(ranks: p) }
    var image = mine, incoming = Pixels(count: (mine.count + 1) / 2)
    var owned = 0..<mine.count
    var bit = 1
    while bit < p {
      let partner = link.rank ^ bit
      let mid = owned.lowerBound + owned.count / 2
      let (keep, give) = link.rank < partner ? (owned.lowerBound..<mid, mid..<owned.upperBound)
                                             : (mid..<owned.upperBound, owned.lowerBound..<mid)
      try link.exchange(image, sending: give, to: partner, into: &incoming, receiving: 0..<keep.count, from: partner)
      composite(incoming, keep.count, &image, keep.lowerBound, partner < link.rank)
      owned = keep
      bit <<= 1
    }
    return Piece(range: owned, pixels: image[owned])
  }

  /// The oracle: every rank's image composited in one place, pixel by pixel, nearest first and
  /// the lowest rank on ties.
  static func serialComposite(_ images: [Pixels]) -> Pixels {
    var result = images[0]
    for q in images.indices.dropFirst() { referenceComposite(images[q], count: images[q].count, into: &result, at: 0, incomingWinsTies: false) }
    return result
  }
}
