import MPI

/// Chapter 16 done wrong (see `ChapterVariants`).
extension Chapter16 {
  static var variants: [String: () -> Never] {
    [
      // Rank 0 lets every incoming image win ties: the highest rank's colour shows where depths
      // are equal.
      "16-ties-reversed": {
        check(
          with(gatherToRoot: {
            try referenceGather(
              $0, $1,
              with: Compositor(
                merge: { a, aRange, b, bRange, _ in referenceMerge(a, aRange, b, bRange, bWinsTies: true) },
                composite: { referenceComposite($0, count: $0.count, into: &$1, at: 0, incomingWinsTies: true) }))
          }))
      },
      // Each rank passes its image down to the next lower one: the right picture, but P − 1 rounds.
      "16-tree-as-chain": { check(with(binaryTree: chain)) },
      // Each version of the strip composited as it arrives, always losing ties, as in the gather:
      // but here it may come from a lower rank.
      "16-direct-send-unordered": { check(with(directSend: unorderedDirectSend)) },
      // Both partners keep the first half: half the image is owned twice, half by nobody.
      "16-swap-keeps-lower": { check(with(binarySwap: keepsLowerHalf)) },
      // Not a mistake: the reference at odd image sizes, which must pass every check.
      "16-reference-sizes": { checkReferenceSizes() },
    ]
  }

  /// The reference with one function replaced.
  static func with(
    gatherToRoot: ((Pixels, Link) throws -> Pixels?)? = nil, binaryTree: ((Pixels, Link) throws -> Pixels?)? = nil,
    directSend: ((Pixels, Link) throws -> Piece)? = nil, binarySwap: ((Pixels, Link) throws -> Piece)? = nil
  ) -> Learner {
    Learner(
      composite: reference.composite, gatherToRoot: gatherToRoot ?? reference.gatherToRoot,
      binaryTree: binaryTree ?? reference.binaryTree, directSend: directSend ?? reference.directSend,
      binarySwap: binarySwap ?? reference.binarySwap)
  }

  static func chain(_ mine: Pixels, _ link: Link) throws -> Pixels? {
    var result = mine
    if link.rank + 1 < link.size {
      let incoming = try link.receive(count: mine.count, from: link.rank + 1)
      referenceComposite(incoming, count: incoming.count, into: &result, at: 0, incomingWinsTies: false)
    }
    guard link.rank > 0 else { return result }
    try link.send(result, range: 0..<result.count, to: link.rank - 1)
    return nil
  }

  static func unorderedDirectSend(_ mine: Pixels, _ link: Link) throws -> Piece {
    let p = link.size
    let r = link.rank
    let own = pixels(rows: stripRows(r, of: p, height: link.height), width: link.width)
    var result = mine[own]
    for s in 1..<p {
      let to = (r + s) % p
      let from = (r - s + p) % p
      var incoming = Pixels(count: own.count)
      try link.exchange(
        mine, sending: pixels(rows: stripRows(to, of: p, height: link.height), width: link.width), to: to,
        into: &incoming, receiving: 0..<own.count, from: from)
      referenceComposite(incoming, count: own.count, into: &result, at: 0, incomingWinsTies: false)
    }
    return Piece(range: own, pixels: result)
  }

  static func keepsLowerHalf(_ mine: Pixels, _ link: Link) throws -> Piece {
    var image = mine
    var owned = 0..<mine.count
    var bit = 1
    while bit < link.size {
      let partner = link.rank ^ bit
      let mid = owned.lowerBound + owned.count / 2
      let keep = owned.lowerBound..<mid
      let give = mid..<owned.upperBound
      var incoming = Pixels(count: keep.count)
      try link.exchange(image, sending: give, to: partner, into: &incoming, receiving: 0..<keep.count, from: partner)
      referenceComposite(
        incoming, count: keep.count, into: &image, at: keep.lowerBound, incomingWinsTies: partner < link.rank)
      owned = keep
      bit <<= 1
    }
    return Piece(range: owned, pixels: image[owned])
  }
}
