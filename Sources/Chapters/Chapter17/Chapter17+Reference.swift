import MPI

/// Chapter 17's answer key, used by the checks, the demo, the benchmark and the variants.
extension Chapter17 {
  /// The four functions done right.
  static var reference: Learner {
    Learner(
      encodeRuns: referenceEncodeRuns, decodeRuns: referenceDecodeRuns, schedule: referenceSchedule,
      over: referenceOver)
  }

  /// Maximal runs, empty first: [empty, active, empty, active, …], a trailing (n, 0) pair for
  /// empties at the end.
  static func referenceEncodeRuns(_ covered: [Bool]) -> [UInt32] {
    var runs: [UInt32] = []
    var i = 0
    while i < covered.count {
      let emptyStart = i
      while i < covered.count && !covered[i] { i += 1 }
      let activeStart = i
      while i < covered.count && covered[i] { i += 1 }
      runs += [UInt32(activeStart - emptyStart), UInt32(i - activeStart)]
    }
    return runs
  }

  /// The runs expanded back into one flag per pixel.
  static func referenceDecodeRuns(_ runs: [UInt32]) -> [Bool] {
    var covered: [Bool] = []
    for (i, n) in runs.enumerated() { covered += repeatElement(i % 2 == 1, count: Int(n)) }
    return covered
  }

  /// Digit i of `rank` in the mixed radix of `factors` chooses the piece kept in round i; the
  /// group is the ranks that differ from this one in digit i only, so the stride between its
  /// members is the product of the earlier factors. Each member stands for a contiguous block
  /// of ranks (all values of the earlier digits), and the blocks come in rank order.
  static func referenceSchedule(_ rank: Int, _ factors: [Int]) -> [Round] {
    var stride = 1
    var rounds: [Round] = []
    for f in factors {
      let digit = (rank / stride) % f
      let base = rank - digit * stride
      rounds.append(Round(group: (0..<f).map { base + $0 * stride }, keep: digit))
      stride *= f
    }
    return rounds
  }

  /// Premultiplied "over": front + back · (1 − front's alpha).
  static func referenceOver(_ front: Premultiplied, _ back: Premultiplied) -> Premultiplied {
    front + back * (1 - front.w)
  }

  /// How radix-k encodes and decodes the pieces it sends.
  struct RLE<Image: CompositeImage> {
    var encode: (Image, Range<Int>) throws -> Encoded<Image>
    var decode: (Encoded<Image>, Int) throws -> Image
    /// When set, radix-k z-tests an encoded piece straight into the one it keeps (acc,
    /// incoming, incoming is in front), touching only the active pixels, instead of decoding it
    /// and merging whole pieces. Only for the z-test, whose result does not depend on the order
    /// of the pieces once ties go the right way.
    var zTestInto: ((inout Image, Encoded<Image>, Bool) throws -> Void)? = nil

    /// With run-length functions (the learner's or the reference's): covered flags → runs →
    /// active pixels, and back. Throws when the runs do not describe the pixels given.
    static func runs(_ encodeRuns: @escaping ([Bool]) -> [UInt32], _ decodeRuns: @escaping ([UInt32]) -> [Bool])
      -> RLE
    {
      RLE(
        encode: { image, range in
          let runs = encodeRuns(image.covered(range))
          let mask = referenceDecodeRuns(runs)
          guard mask.count == range.count else {
            throw CheckFailure("encodeRuns gave runs of \(mask.count) pixels for a piece of \(range.count)")
          }
          return Encoded(runs: runs, active: image.gather(mask, offset: range.lowerBound))
        },
        decode: { encoded, n in
          let mask = decodeRuns(encoded.runs)
          guard mask.count == n else {
            throw CheckFailure("decodeRuns gave \(mask.count) flags for a piece of \(n) pixels")
          }
          return Image.scatter(encoded.active, mask: mask)
        })
    }

    /// No encoding: every pixel travels, as one active run.
    static var raw: RLE {
      RLE(
        encode: { image, range in
          Encoded(runs: range.isEmpty ? [] : [0, UInt32(range.count)], active: image.slice(range))
        },
        decode: { encoded, _ in encoded.active })
    }
  }

  /// The reference encoding of opaque pixels, straight from the depths, z-tested without
  /// decoding.
  static var fastRLE: RLE<Pixels> {
    var rle = encodingOnly
    rle.zTestInto = { try sparseZTest(into: &$0, $1, incomingInFront: $2) }
    return rle
  }

  /// Every pixel sent as one active run, z-tested in place like `fastRLE`: the baseline that
  /// shows what the encoding saves.
  static var rawZ: RLE<Pixels> {
    var rle = RLE<Pixels>.raw
    rle.zTestInto = { try sparseZTest(into: &$0, $1, incomingInFront: $2) }
    return rle
  }

  /// In place: the active pixels of `incoming` z-tested into `acc`, winning ties when they are
  /// in front. Empty runs are skipped without reading a pixel.
  static func sparseZTest(into acc: inout Pixels, _ incoming: Encoded<Pixels>, incomingInFront: Bool) throws {
    var total = 0
    var active = 0
    for (i, n) in incoming.runs.enumerated() {
      total += Int(n)
      if i % 2 == 1 { active += Int(n) }
    }
    guard total <= acc.count, active == incoming.active.count else {
      throw CheckFailure(
        "runs of \(total) pixels (\(active) active) for a piece of \(acc.count) with \(incoming.active.count) sent")
    }
    let runs = incoming.runs
    acc.depth.withUnsafeMutableBufferPointer { d in
      acc.color.withUnsafeMutableBufferPointer { c in
        incoming.active.depth.withUnsafeBufferPointer { inD in
          incoming.active.color.withUnsafeBufferPointer { inC in
            var at = 0
            var next = 0
            for pair in stride(from: 0, to: runs.count, by: 2) {
              at += Int(runs[pair])
              let n = Int(runs[pair + 1])
              if incomingInFront {
                for i in 0..<n where inD[next + i] <= d[at + i] {
                  d[at + i] = inD[next + i]
                  c[at + i] = inC[next + i]
                }
              } else {
                for i in 0..<n where inD[next + i] < d[at + i] {
                  d[at + i] = inD[next + i]
                  c[at + i] = inC[next + i]
                }
              }
              at += n
              next += n
            }
          }
        }
      }
    }
  }

  /// The reference encoding of opaque pixels with decoding and whole-piece merges (the way the
  /// learner's encoding is run).
  static var encodingOnly: RLE<Pixels> {
    RLE(
      encode: { image, range in
        var runs: [UInt32] = []
        var color: [UInt32] = []
        var depth: [Float] = []
        color.reserveCapacity(range.count)
        depth.reserveCapacity(range.count)
        image.depth.withUnsafeBufferPointer { d in
          image.color.withUnsafeBufferPointer { c in
            var i = range.lowerBound
            while i < range.upperBound {
              let emptyStart = i
              while i < range.upperBound && d[i] >= 1 { i += 1 }
              let activeStart = i
              while i < range.upperBound && d[i] < 1 { i += 1 }
              color.append(contentsOf: c[activeStart..<i])
              depth.append(contentsOf: d[activeStart..<i])
              runs.append(UInt32(activeStart - emptyStart))
              runs.append(UInt32(i - activeStart))
            }
          }
        }
        return Encoded(runs: runs, active: Pixels(color: color, depth: depth))
      },
      decode: { encoded, n in
        var out = Pixels(count: n)
        var at = 0
        var next = 0
        for pair in stride(from: 0, to: encoded.runs.count, by: 2) {
          at += Int(encoded.runs[pair])
          let active = Int(encoded.runs[pair + 1])
          guard at + active <= n, next + active <= encoded.active.count else {
            throw CheckFailure("runs describe more than \(n) pixels")
          }
          out.color.replaceSubrange(at..<at + active, with: encoded.active.color[next..<next + active])
          out.depth.replaceSubrange(at..<at + active, with: encoded.active.depth[next..<next + active])
          at += active
          next += active
        }
        return out
      })
  }

  /// Opaque blending: the back piece's pixel only where strictly nearer, so the front (lower
  /// ranks) wins ties, as chapter 16's tie rule asks.
  static func zBlend(_ front: Pixels, _ back: Pixels) -> Pixels {
    Chapter16.referenceMerge(front, 0..<front.count, back, 0..<back.count, bWinsTies: false)
  }

  /// Translucent blending with an "over" operator, pixel by pixel.
  static func overBlend(_ over: @escaping (Premultiplied, Premultiplied) -> Premultiplied)
    -> (Translucent, Translucent) -> Translucent
  {
    { front, back in
      var out = Translucent(empty: front.count)
      for i in 0..<front.count { out[i] = over(front[i], back[i]) }
      return out
    }
  }

  /// Radix-k: for each round of `schedule`, the part this rank owns is cut into as many
  /// pieces as the group has members; piece j goes to member j (step s sends to the member s
  /// places on and receives from the one s places back, so every pair meets in one step);
  /// the versions of the kept piece are blended front (lowest member) to back. Returns the
  /// part owned at the end, as image indices, with its pixels.
  static func radixK<Image: CompositeImage, Carrier: PieceCarrier>(
    _ mine: Image, link: Carrier, schedule: [Round], rle: RLE<Image>, blend: (Image, Image) -> Image
  ) throws -> (range: Range<Int>, pixels: Image) {
    var owned = 0..<mine.count
    var work = mine
    for round in schedule {
      let f = round.group.count
      guard f >= 1, round.keep >= 0, round.keep < f, round.group[round.keep] == link.rank else {
        throw CheckFailure("rank \(link.rank): a round must keep the piece at this rank's place in the group: \(round)")
      }
      let keep = piece(round.keep, of: f, in: owned)
      let local = { (r: Range<Int>) in r.lowerBound - owned.lowerBound..<r.upperBound - owned.lowerBound }
      var received = [Encoded<Image>?](repeating: nil, count: f)
      for s in 1..<f {
        let to = (round.keep + s) % f
        let from = (round.keep - s + f) % f
        let outgoing = try rle.encode(work, local(piece(to, of: f, in: owned)))
        received[from] = try link.exchange(outgoing, to: round.group[to], from: round.group[from])
      }
      var acc: Image
      if let zTestInto = rle.zTestInto {
        // Own piece first; then the members in front, nearest to this one first, each winning
        // ties; then those behind, nearest first, each losing them: the lowest rank wins a tie.
        acc = work.slice(local(keep))
        for j in (0..<round.keep).reversed() { try zTestInto(&acc, received[j]!, true) }
        for j in round.keep + 1..<f { try zTestInto(&acc, received[j]!, false) }
      } else {
        let version = { (j: Int) in
          j == round.keep ? work.slice(local(keep)) : try rle.decode(received[j]!, keep.count)
        }
        acc = try version(0)
        for j in 1..<f { acc = blend(acc, try version(j)) }
      }
      (owned, work) = (keep, acc)
    }
    return (owned, work)
  }

  /// The opaque oracle: chapter 16's serial z-composite (nearest wins, the lowest rank on ties).
  static func serialZ(_ images: [Pixels]) -> Pixels { Chapter16.serialComposite(images) }

  /// The translucent oracle: rank P − 1 (the back) first, every nearer rank blended over it.
  static func serialOver(_ images: [Translucent]) -> Translucent {
    var acc = images[images.count - 1]
    for r in images.indices.reversed().dropFirst() {
      for i in 0..<acc.count { acc[i] = referenceOver(images[r][i], acc[i]) }
    }
    return acc
  }
}
