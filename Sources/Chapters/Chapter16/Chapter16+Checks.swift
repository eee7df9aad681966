import Foundation
import Imaging
import MPI
import Window
import WorkbookContract
import WorkbookKit

extension Chapter16 {
  /// The checks' image: 243 rows, so that row strips are uneven at 2 and 4 ranks, and
  /// 320 × 243 = 77 760 pixels, a multiple of 64, so that binary swap's halves are exact.
  static let width = 320, height = 243
  /// Objects in the checks' scene; rank r renders those whose id % P == r.
  static let objectCount = 120

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in
      report.add(checkZTest(learner.composite))
      let rendered = try renderShare(world)
      let ties = tiePattern(rank: world.rank, ranks: world.size)
      let algorithms: [(String, Algorithm)] = [
        ("gather", .whole(learner.gatherToRoot)), ("tree", .whole(learner.binaryTree)),
        ("direct-send", .piece(learner.directSend)), ("binary-swap", .piece(learner.binarySwap)),
      ]
      for (label, algorithm) in algorithms {
        try checkAlgorithm(
          label, algorithm, images: [("the VTK renders", rendered), ("an image full of depth ties", ties)],
          world: world, report: &report)
      }
      try checkAgainstVTK(learner, rendered: rendered, world: world, report: &report)
    }
  }

  /// A compositing algorithm as the harness runs it: one that leaves the whole image at rank 0,
  /// or one that leaves a piece on every rank.
  enum Algorithm {
    case whole((Pixels, Link) throws -> Pixels?)
    case piece((Pixels, Link) throws -> Piece)
  }

  /// This rank's share of the scene rendered with VTK, as pixels.
  static func renderShare(_ world: Communicator) throws -> Pixels {
    let objects = ParallelScene.objects(count: objectCount).filter { $0.id % world.size == world.rank }
    let (color, depth) = try ParallelScene.render(objects, width: width, height: height)
    return pixels(color, depth)
  }

  /// An `RGBAImage` and a top-down `DepthImage` of the same size as compositing pixels.
  static func pixels(_ color: RGBAImage, _ depth: DepthImage) -> Pixels {
    precondition(depth.rowOrder == .topDown && color.width == depth.width && color.height == depth.height)
    let packed = color.pixels.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
    return Pixels(color: packed, depth: depth.values)
  }

  /// The colours of `pixels` as an image `width` wide, opaque (the screen has no alpha).
  static func picture(of pixels: Pixels, width: Int) -> RGBAImage {
    let bytes = pixels.color.withUnsafeBytes { Array($0) }
    return RGBAImage(width: width, height: pixels.count / width, pixels: bytes).opaque()
  }

  /// Synthetic images in which every rank draws the same shapes at the same few depths, each
  /// in its own colour: most covered pixels are ties, so only the right tie rule, applied in
  /// the right order, gives the oracle's picture.
  static func tiePattern(rank: Int, ranks: Int) -> Pixels {
    var p = Pixels(count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        let i = y * width + x
        let stripe = (x / 16 + y / 9 + rank) % (ranks + 2)
        guard stripe < ranks else { continue }  // some background everywhere
        p.depth[i] = 0.25 + 0.25 * Float((x / 40 + y / 30) % 3)
        p.color[i] = 0xFF00_0000 | UInt32(40 + 50 * rank) | UInt32(200 - 40 * rank) << 8 | UInt32(30 * stripe) << 16
      }
    }
    return p
  }

  /// The learner's z-test on small cases: nearer, farther, equal with both tie rules, and a run
  /// written at an offset into a longer array.
  static func checkZTest(_ composite: (Pixels, inout Pixels, Int, Bool) -> Void) -> CheckResult {
    let mine = Pixels(color: [1, 2, 3, 4, 5, 6], depth: [0.5, 0.5, 0.5, 1, 0.2, 0.9])
    let incoming = Pixels(color: [11, 12, 13, 14], depth: [0.4, 0.6, 0.5, 1])
    for (offset, wins) in [(0, false), (0, true), (2, false), (2, true)] {
      var expected = mine
      var got = mine
      referenceComposite(incoming, count: incoming.count, into: &expected, at: offset, incomingWinsTies: wins)
      composite(incoming, &got, offset, wins)
      if got != expected {
        return Checks.that(
          "z-test", false, expected: "colours \(expected.color), depths \(expected.depth)",
          got: "colours \(got.color), depths \(got.depth)",
          detail: "incoming colours \(incoming.color) at depths \(incoming.depth), written at offset \(offset), "
            + "incomingWinsTies \(wins), into colours \(mine.color) at depths \(mine.depth)")
      }
    }
    return Checks.that("z-test", true, expected: "nearer wins, ties as told", got: "all 4 cases right")
  }

  /// Runs one algorithm on each image set, on a communicator of its own, and checks its result
  /// against the oracle and its traffic against the theory.
  static func checkAlgorithm(
    _ label: String, _ algorithm: Algorithm, images: [(String, Pixels)], world: Communicator,
    report: inout Report, width: Int = width, height: Int = height
  ) throws {
    let p = world.size
    let r = world.rank
    var traffic: Link?
    var exactness: CheckResult?

    for (what, mine) in images {
      let comm = try world.duplicate()
      let link = Link(comm, width: width, height: height)
      if traffic == nil { traffic = link }
      let colors = try world.gatherVarying(mine.color)
      let depths = try world.gatherVarying(mine.depth)
      let oracle = colors.map { c in serialComposite(zip(c, depths!).map { Pixels(color: $0, depth: $1) }) }
      var result: Pixels?
      Harness.announce("\(label) on \(what)")
      switch algorithm {
      case .whole(let run):
        let got = try run(mine, link)
        let atRootOnly = try world.allReduce(r == 0 ? got != nil : got == nil, op: .logicalAnd)
        guard atRootOnly else {
          report.add(
            Checks.that(
              "\(label)-at-root", false, expected: "the whole image at rank 0, nil on every other rank",
              got: r == 0 && got == nil ? "nil at rank 0" : "an image on rank \(r)"))
          return
        }
        result = got
      case .piece(let run):
        var piece: Piece?
        var refused: Error?
        do {
          piece = try run(mine, link)
        } catch {
          refused = error
        }
        if label == "binary-swap" && p & (p - 1) != 0 {
          try checkRefusal(refused, link: link, world: world, report: &report)
          return
        }
        if let refused { throw refused }
        result = try assemble(piece!, label: label, world: world, report: &report, width: width, height: height)
        // Rank 0 alone knows whether the pieces made an image; everyone stops together if not.
        guard try world.broadcast(r != 0 || result != nil, root: 0) else { return }
      }
      if r == 0, let oracle, exactness?.passed ?? true {
        exactness = compareWithOracle("\(label)-exact", got: result!, oracle: oracle, what: what, width: width)
      }
    }
    if r == 0, let exactness { report.add(exactness) }
    if let traffic { report.add(checkTraffic(label, traffic, ranks: p, width: width, height: height)) }
  }

  /// Every rank's piece gathered at rank 0 and laid out: nil (with a failed check) unless the
  /// pieces cover the image exactly once; for direct send they must be the row strips.
  static func assemble(
    _ piece: Piece, label: String, world: Communicator, report: inout Report, width: Int, height: Int
  ) throws
    -> Pixels?
  {
    let p = world.size
    guard piece.pixels.count == piece.range.count else {
      throw CheckFailure(
        "rank \(world.rank)'s \(label) piece covers pixels \(piece.range) but holds \(piece.pixels.count) pixels")
    }
    let bounds = try world.gather([Int32(piece.range.lowerBound), Int32(piece.range.upperBound)])
    let colors = try world.gatherVarying(piece.pixels.color)
    let depths = try world.gatherVarying(piece.pixels.depth)
    guard let bounds, let colors, let depths else { return nil }
    let ranges = (0..<p).map { Int(bounds[2 * $0])..<Int(bounds[2 * $0 + 1]) }
    var covered = [Int](repeating: 0, count: width * height)
    for range in ranges where range.lowerBound >= 0 && range.upperBound <= covered.count {
      for i in range { covered[i] += 1 }
    }
    let once = covered.allSatisfy { $0 == 1 }
    if label == "direct-send" {
      let strips = (0..<p).map { pixels(rows: stripRows($0, of: p, height: height), width: width) }
      report.add(
        Checks.that(
          "direct-send-strips", ranges == strips,
          expected: "rank r owns the rows of strip r (the first \(height) % \(p) strips one row taller): pixels "
            + strips.map { "\($0)" }.joined(separator: ", "),
          got: ranges.map { "\($0)" }.joined(separator: ", ")))
    }
    guard once else {
      report.add(
        Checks.that(
          "\(label)-exact", false, expected: "the pieces of all ranks cover each pixel once",
          got: "pieces \(ranges.map { "\($0)" }.joined(separator: ", ")); "
            + "\(covered.filter { $0 == 0 }.count) pixels in none, \(covered.filter { $0 > 1 }.count) in several"))
      return nil
    }
    var whole = Pixels(count: width * height)
    for (q, range) in ranges.enumerated() {
      whole.color.replaceSubrange(range, with: colors[q])
      whole.depth.replaceSubrange(range, with: depths[q])
    }
    return whole
  }

  /// At a rank count that is not a power of two, binary swap must refuse before any message.
  static func checkRefusal(_ error: Error?, link: Link, world: Communicator, report: inout Report) throws {
    let refusedRight = (error as? CompositingError) == .notAPowerOfTwo(ranks: world.size) && link.messagesSent == 0
    report.add(
      Checks.that(
        "binary-swap-refuses", refusedRight,
        expected: "CompositingError.notAPowerOfTwo(ranks: \(world.size)) thrown before any message",
        got: error.map { "\($0)" + (link.messagesSent > 0 ? " after \(link.messagesSent) messages" : "") }
          ?? "no error"))
  }

  /// Pixel for pixel against the oracle; names the first differing pixel.
  static func compareWithOracle(_ name: String, got: Pixels, oracle: Pixels, what: String, width: Int) -> CheckResult {
    guard got.count == oracle.count else {
      return Checks.that(name, false, expected: "\(oracle.count) pixels", got: "\(got.count) pixels")
    }
    let differing = (0..<oracle.count).filter { got.color[$0] != oracle.color[$0] || got.depth[$0] != oracle.depth[$0] }
    guard let first = differing.first else {
      return Checks.that(
        name, true, expected: "the serial z-composite, pixel for pixel",
        got: "all \(oracle.count) pixels equal (\(what) and the other images)")
    }
    let hex = { (c: UInt32) in String(format: "#%08x", c) }
    return Checks.that(
      name, false,
      expected: "the serial z-composite of the same images, pixel for pixel (nearest wins, "
        + "the lowest rank on equal depth)",
      got: "\(differing.count) of \(oracle.count) pixels differ on \(what)",
      detail: "first at (x \(first % width), y \(first / width)): expected colour \(hex(oracle.color[first])) at depth "
        + "\(oracle.depth[first]), got \(hex(got.color[first])) at depth \(got.depth[first])")
  }

  /// What each rank sent and received, and the rounds behind rank 0's image, against the
  /// theory for `label` with A pixels of b = 8 bytes on P ranks.
  static func checkTraffic(_ label: String, _ link: Link, ranks p: Int, width: Int, height: Int) -> CheckResult {
    let a = width * height
    let b = bytesPerPixel
    let r = link.rank
    let expected = expectedTraffic(label, rank: r, ranks: p, pixels: a, height: height)
    let got = (
      sent: link.bytesSent / b, messages: link.messagesSent, received: link.bytesReceived / b,
      messagesIn: link.messagesReceived, rounds: link.rounds
    )
    let ok =
      got.sent == expected.sent && got.messages == expected.messages && got.received == expected.received
      && got.messagesIn == expected.messagesIn && (expected.rounds.map { $0 == got.rounds } ?? true)
    let describe = { (s: Int, m: Int, rv: Int, mi: Int, rounds: Int?) in
      "sent \(s * b) B in \(m) message\(m == 1 ? "" : "s"), received \(rv * b) B in \(mi)"
        + (rounds.map { ", \($0) rounds" } ?? "")
    }
    return Checks.that(
      "\(label)-bytes", ok,
      expected: describe(expected.sent, expected.messages, expected.received, expected.messagesIn, expected.rounds),
      got: describe(got.sent, got.messages, got.received, got.messagesIn, expected.rounds == nil ? nil : got.rounds),
      detail: ok ? nil : "rank \(r): \(theory(label))")
  }

  /// The traffic theory, in words, for failure messages and the lesson.
  static func theory(_ label: String) -> String {
    switch label {
    case "gather":
      "every rank but 0 sends its whole image (A·b bytes) once; rank 0 receives P − 1 of them, one round each"
    case "tree":
      "every rank but 0 sends its image once; rank r receives from r + 2^k for each k below its lowest set bit; "
        + "rank 0's image is ⌈log₂ P⌉ rounds deep"
    case "direct-send":
      "rank r sends every other rank its strip (A − |strip r| pixels in P − 1 messages) and receives "
        + "|strip r| pixels from each of the P − 1 others"
    default: "log₂ P rounds, each sending the half given away: (1 − 1/P)·A·b bytes in all, and as much received"
    }
  }

  /// Pixels (not bytes) sent and received, messages each way, and the rounds rank 0's result
  /// must be behind (nil where it is not checked) for one rank.
  static func expectedTraffic(_ label: String, rank r: Int, ranks p: Int, pixels a: Int, height h: Int)
    -> (sent: Int, messages: Int, received: Int, messagesIn: Int, rounds: Int?)
  {
    var log = 0
    while 1 << log < p { log += 1 }
    switch label {
    case "gather":
      return r == 0 ? (0, 0, (p - 1) * a, p - 1, p - 1) : (a, 1, 0, 0, nil)
    case "tree":
      var children = 0
      var bit = 1
      while bit < p && r & bit == 0 {
        if r + bit < p { children += 1 }
        bit <<= 1
      }
      return (r == 0 ? 0 : a, r == 0 ? 0 : 1, children * a, children, r == 0 ? log : nil)
    case "direct-send":
      let own = h == 0 ? 0 : stripRows(r, of: p, height: h).count * (a / h)
      return (a - own, p - 1, (p - 1) * own, p - 1, nil)
    default:
      // The halving rule, followed for this rank: the lower partner keeps the first half
      // (the smaller one when the count is odd). For A divisible by P both sums are (1 − 1/P)·A.
      var owned = 0..<a
      var given = 0
      var kept = 0
      for k in 0..<log {
        let mid = owned.lowerBound + owned.count / 2
        let lower = owned.lowerBound..<mid
        let upper = mid..<owned.upperBound
        let (keep, give) = r < r ^ (1 << k) ? (lower, upper) : (upper, lower)
        (given, kept, owned) = (given + give.count, kept + keep.count, keep)
      }
      return (given, log, kept, log, nil)
    }
  }

  /// The learner's gather at full size against VTK's own render of the whole scene, and shown
  /// in a window at rank 0: what is on the screen is the composite.
  static func checkAgainstVTK(_ learner: Learner, rendered: Pixels, world: Communicator, report: inout Report) throws {
    let comm = try world.duplicate()
    Harness.announce("gatherToRoot")
    guard let composite = try learner.gatherToRoot(rendered, Link(comm, width: width, height: height)) else { return }
    let out = Harness.outputDirectory(chapter: name)
    let shown = picture(of: composite, width: width)
    let (full, _) = try ParallelScene.render(ParallelScene.objects(count: objectCount), width: width, height: height)
    // Each rank draws its spheres with the same camera and lights, so the z-composite is the
    // serial frame; the budget covers pixels where two spheres meet at equal depth.
    report.add(
      Checks.image(
        "matches-vtk", shown, reference: full.opaque(), tolerance: 2, badPixelBudget: 0.0005,
        directory: out))
    let window = try Window(title: "sort-last composite, \(world.size) ranks", width: width, height: height)
    window.show(shown)
    report.add(
      Checks.image(
        "window-shows-composite", try window.capture(), reference: shown, tolerance: 0, badPixelBudget: 0,
        directory: out))
  }
}

extension Chapter16 {
  /// The reference at other image sizes: a one-pixel image, one row, one column, an empty one,
  /// and heights that do not divide by the rank count, on random images with many depth ties.
  /// Run as the variant "16-reference-sizes"; every check must pass.
  static func checkReferenceSizes() -> Never {
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in
      let algorithms: [(String, Algorithm)] = [
        ("gather", .whole(reference.gatherToRoot)), ("tree", .whole(reference.binaryTree)),
        ("direct-send", .piece(reference.directSend)), ("binary-swap", .piece(reference.binarySwap)),
      ]
      for (w, h) in [(1, 1), (7, 1), (1, 7), (0, 5), (13, 11), (64, 67)] {
        var rng = SeededRandom(seed: UInt64(16_000 + 97 * world.rank + w * 7 + h))
        var image = Pixels(count: w * h)
        for i in 0..<image.count where rng.uniform(0...1) < 0.7 {
          image.depth[i] = Float(Int(rng.uniform(0...3.999))) * 0.25  // four depths: many ties
          image.color[i] = 0xFF00_0000 | UInt32(1 + world.rank)
        }
        var sized = Report(echo: false)
        for (label, algorithm) in algorithms {
          try checkAlgorithm(
            label, algorithm, images: [("\(w)x\(h) random image", image)], world: world, report: &sized,
            width: w, height: h)
        }
        for line in sized.lines {
          guard case .check(var c) = line else { continue }
          c.name += "-\(w)x\(h)"
          report.add(c)
        }
      }
    }
  }
}
