import Chapters

// Chapter 16: sort-last compositing. Read lessons/16-sort-last/README.md first.
//
// Every rank has rendered its share of the objects into an image of the whole screen: `Pixels`,
// a colour (UInt32, RGBA8) and a depth (Float, 1 where nothing was drawn) per pixel; pixel i is
// row i / width, column i % width, top row first. Each function below gets this rank's image and
// a Link to the other ranks, which carries pixels and counts every byte:
//
//   link.rank, link.size, link.width, link.height, link.pixelCount
//   try link.send(pixels, range: r, to: q)                  sends pixels[r] to rank q
//   try link.receive(into: &buffer, range: r, from: q)      receives into buffer[r]
//   let got = try link.receive(count: n, from: q)           receives n pixels into new Pixels
//   try link.exchange(pixels, sending: r1, to: q1, into: &buffer, receiving: r2, from: q2)
//                                                           both at once (MPI_Sendrecv)
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
  // TODO(16): compare incoming.depth[i] with mine.depth[offset + i] for every i; where the
  // incoming pixel wins, copy its colour and its depth.
}

/// Every rank sends its image to rank 0, which composites them all: the whole image at rank 0,
/// nil on the other ranks.
func gatherToRoot(_ mine: Pixels, link: Link) throws -> Pixels? {
  // TODO(16): ranks other than 0 send their whole image (range 0..<mine.count) to rank 0 and
  // return nil. Rank 0 receives the images of ranks 1, 2, ... in rank order and composites each
  // into its own; an incoming image comes from a higher rank, so it loses ties.
  return link.rank == 0 ? mine : nil
}

/// The same result along a binomial tree: ⌈log₂ P⌉ rounds, every rank sending once.
func binaryTree(_ mine: Pixels, link: Link) throws -> Pixels? {
  // TODO(16): in the round of bit = 1, 2, 4, ...: a rank with that bit set sends what it holds
  // to rank − bit and is done (returns nil); a rank without it receives from rank + bit (if that
  // rank exists) and composites the image into its own, the incoming one losing ties (it stands
  // for a group of higher ranks). Rank 0 ends with the whole image.
  return link.rank == 0 ? mine : nil
}

/// Direct send: rank r owns strip r of the image, whole rows, the first height % size strips
/// one row taller. Every rank sends each other rank its pixels of that rank's strip, and
/// composites the versions of its own strip it receives. Returns its strip.
func directSend(_ mine: Pixels, link: Link) throws -> Piece {
  // TODO(16): this returns the whole image as rank r's piece, so the pieces overlap. Work out
  // each strip's pixel range; in step s = 1 ..< size send your pixels of strip (r + s) % size to
  // that rank and receive strip r from rank (r − s + size) % size, both at once (exchange);
  // then composite all versions of strip r in rank order (lower ranks first, so ties go to them).
  return Piece(range: 0..<mine.count, pixels: mine)
}

/// Binary swap: log₂ P rounds on the part of the image a rank still owns; in the round of bit
/// = 1, 2, 4, ... partners rank and rank ^ bit split that part in two, the lower rank keeping
/// the first half, and swap the other halves. Throws `Chapter16.CompositingError.notAPowerOfTwo`
/// (before any message) when the number of ranks is not a power of two.
func binarySwap(_ mine: Pixels, link: Link) throws -> Piece {
  // TODO(16): start owning 0..<mine.count. Each round: mid = lower + count / 2; keep one half,
  // exchange the other with the partner, composite what arrives into the half you keep (the
  // partner's pixels win ties when the partner is the lower rank). Return the part you own at
  // the end with its pixels.
  return Piece(range: 0..<mine.count, pixels: mine)
}
