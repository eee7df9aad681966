import Chapters

// Chapter 16: sort-last compositing. Read lessons/16-sort-last/README.md first.
//
// Every rank has rendered its share of the objects into an image of the whole screen: `Pixels`,
// a colour (UInt32, RGBA8) and a depth (Float, 1 where nothing was drawn) per pixel; pixel i is
// row i / width, column i % width, top row first. Each function below gets this rank's image and
// a Link to the other ranks, which carries pixels and counts every byte.
//
// The tie rule: where two ranks drew a pixel at the same depth, the lower rank's colour wins,
// whatever the algorithm and whatever order the images meet in.

typealias Pixels = Chapter16.Pixels
typealias Piece = Chapter16.Piece
typealias Link = Chapter16.Link

/// Writes `incoming` into `mine[offset ..< offset + incoming.count]`, pixel by pixel, where it
/// is nearer: a smaller depth, or an equal one when `incomingWinsTies`. Colour and depth move
/// together.
func composite(_ incoming: Pixels, into mine: inout Pixels, at offset: Int, incomingWinsTies: Bool) {
  // Raw buffers: this loop runs once per pixel per message, and array bounds checks would
  // double its cost.
  incoming.depth.withUnsafeBufferPointer { inDepth in
    incoming.color.withUnsafeBufferPointer { inColor in
      mine.depth.withUnsafeMutableBufferPointer { myDepth in
        mine.color.withUnsafeMutableBufferPointer { myColor in
          for i in 0..<inDepth.count {
            let j = offset + i
            let d = inDepth[i]
            if d < myDepth[j] || (incomingWinsTies && d == myDepth[j]) {
              myDepth[j] = d
              myColor[j] = inColor[i]
            }
          }
        }
      }
    }
  }
}

/// Every rank sends its image to rank 0, which composites them all: the whole image at rank 0,
/// nil on the other ranks.
func gatherToRoot(_ mine: Pixels, link: Link) throws -> Pixels? {
  guard link.rank == 0 else {
    try link.send(mine, range: 0..<mine.count, to: 0)
    return nil
  }
  var result = mine
  var incoming = Pixels(count: mine.count)
  // In rank order, each newcomer from a higher rank than everything already in `result`.
  for rank in 1..<link.size {
    try link.receive(into: &incoming, range: 0..<mine.count, from: rank)
    composite(incoming, into: &result, at: 0, incomingWinsTies: false)
  }
  return result
}

/// The same result along a binomial tree: ⌈log₂ P⌉ rounds, every rank sending once.
func binaryTree(_ mine: Pixels, link: Link) throws -> Pixels? {
  var result = mine
  var incoming = Pixels(count: mine.count)
  var bit = 1
  while bit < link.size {
    if link.rank & bit != 0 {
      // My group is done: hand everything to the rank below and stop.
      try link.send(result, range: 0..<result.count, to: link.rank - bit)
      return nil
    }
    if link.rank + bit < link.size {
      // rank + bit holds ranks rank + bit ..< rank + 2·bit: all higher than mine, so it loses ties.
      try link.receive(into: &incoming, range: 0..<result.count, from: link.rank + bit)
      composite(incoming, into: &result, at: 0, incomingWinsTies: false)
    }
    bit *= 2
  }
  return result
}

/// The pixel range of strip `strip` of `strips`: whole rows, the first height % strips strips
/// one row taller.
func stripRange(_ strip: Int, of strips: Int, width: Int, height: Int) -> Range<Int> {
  let rows = height / strips
  let extra = height % strips
  let firstRow = strip * rows + min(strip, extra)
  let rowCount = rows + (strip < extra ? 1 : 0)
  return firstRow * width..<(firstRow + rowCount) * width
}

/// Direct send: rank r owns strip r of the image, whole rows, the first height % size strips
/// one row taller. Every rank sends each other rank its pixels of that rank's strip, and
/// composites the versions of its own strip it receives. Returns its strip.
func directSend(_ mine: Pixels, link: Link) throws -> Piece {
  let (p, r) = (link.size, link.rank)
  let own = stripRange(r, of: p, width: link.width, height: link.height)
  var versions = [Pixels?](repeating: nil, count: p)
  versions[r] = mine[own]
  // Step s: send to the rank s ahead, receive from the rank s behind, at once: every rank
  // sends and receives in every step, so nobody waits for a partner busy elsewhere.
  for s in 1..<p {
    let to = (r + s) % p
    let from = (r - s + p) % p
    var incoming = Pixels(count: own.count)
    try link.exchange(
      mine, sending: stripRange(to, of: p, width: link.width, height: link.height), to: to,
      into: &incoming, receiving: 0..<own.count, from: from)
    versions[from] = incoming
  }
  // Rank order: the version composited later always comes from a higher rank, so it loses ties.
  var result = versions[0]!
  for q in 1..<p { composite(versions[q]!, into: &result, at: 0, incomingWinsTies: false) }
  return Piece(range: own, pixels: result)
}

/// Binary swap: log₂ P rounds on the part of the image a rank still owns; in the round of bit
/// = 1, 2, 4, ... partners rank and rank ^ bit split that part in two, the lower rank keeping
/// the first half, and swap the other halves. Throws `Chapter16.CompositingError.notAPowerOfTwo`
/// (before any message) when the number of ranks is not a power of two.
func binarySwap(_ mine: Pixels, link: Link) throws -> Piece {
  let p = link.size
  guard p & (p - 1) == 0 else { throw Chapter16.CompositingError.notAPowerOfTwo(ranks: p) }
  var image = mine
  var owned = 0..<mine.count
  var bit = 1
  while bit < p {
    let partner = link.rank ^ bit
    let mid = owned.lowerBound + owned.count / 2
    let lower = owned.lowerBound..<mid
    let upper = mid..<owned.upperBound
    let (keep, give) = link.rank < partner ? (lower, upper) : (upper, lower)
    var incoming = Pixels(count: keep.count)
    try link.exchange(image, sending: give, to: partner, into: &incoming, receiving: 0..<keep.count, from: partner)
    // The partner's group is entirely below mine or entirely above: it wins ties when lower.
    composite(incoming, into: &image, at: keep.lowerBound, incomingWinsTies: partner < link.rank)
    owned = keep
    bit *= 2
  }
  return Piece(range: owned, pixels: image[owned])
}
