import Foundation
import MPI
import WorkbookContract
import WorkbookKit

extension Chapter17 {
  /// The checks' images: small, so that every rank count runs in a few seconds.
  static let width = 64, height = 48
  /// Objects in the checks' scene.
  static let objectCount = 60

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never { check(learner, pureChecks: true) }

  /// The checks; variants pass `pureChecks: false` to show that the composites alone catch a
  /// mistake the pure checks would have caught first.
  static func check(_ learner: Learner, pureChecks: Bool) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      // The pure functions first: every rank gets the same verdicts, so every rank takes the
      // same path below and none waits for a message the others will not send.
      let runsOK = !pureChecks || checkRuns(learner, &report)
      let overOK = !pureChecks || checkOver(learner.over, &report)
      let scheduleOK = !pureChecks || checkSchedule(learner.schedule, &report)
      guard runsOK && scheduleOK else {
        let why = runsOK ? "radix-k-schedule fails" : "the run-length checks fail"
        for name in ["radix-k-exact", "radix-k-bytes", "ordered-over"] {
          report.add(Checks.that(name, false, expected: "a composite", got: "not run: \(why)"))
        }
        return
      }
      try checkRadixK(learner, world: world, report: &report)
      guard overOK else {
        report.add(Checks.that("ordered-over", false, expected: "a composite", got: "not run: over fails"))
        return
      }
      try checkOrderedOver(learner, world: world, report: &report)
    }
  }

  // MARK: Run-length encoding

  /// Covered flags the run-length checks use: empty, full, a checkerboard, one pixel at
  /// either end and in the middle, no pixels at all, and random ones.
  static func masks() -> [(String, [Bool])] {
    let n = 301
    var rng = SeededRandom(seed: 17)
    return [
      ("an empty piece", [Bool](repeating: false, count: n)),
      ("a full piece", [Bool](repeating: true, count: n)),
      ("a checkerboard row starting covered", (0..<n).map { $0 % 2 == 0 }),
      ("a checkerboard row starting empty", (0..<n).map { $0 % 2 == 1 }),
      ("one covered pixel first", (0..<n).map { $0 == 0 }),
      ("one covered pixel in the middle", (0..<n).map { $0 == n / 2 }),
      ("one covered pixel last", (0..<n).map { $0 == n - 1 }),
      ("no pixels", []),
      ("one pixel, covered", [true]),
      (
        "random blocks",
        (0..<n).map { _ in rng.uniform(0...1) < 0.5 }.enumerated().map { $0.element || $0.offset % 37 < 9 }
      ),
    ]
  }

  /// The encoded size the chapter promises for `n` pixels of `b` ≥ 8 bytes: at most one run
  /// pair (8 bytes) more than the raw pixels, and 8 bytes for an empty piece.
  static func bound(pixels n: Int, bytesPerPixel b: Int) -> Int { n * b + 8 }

  /// Bytes of an encoding of opaque pixels: 4 per run, 8 per active pixel.
  static func encodedBytes(_ runs: [UInt32], active: Int) -> Int { 4 * runs.count + Pixels.bytesPerPixel * active }

  static func checkRuns(_ learner: Learner, _ report: inout Report) -> Bool {
    var results: [CheckResult] = []
    func first(_ name: String, _ body: (String, [Bool]) -> CheckResult?) {
      for (what, mask) in masks() {
        if let failed = body(what, mask) {
          results.append(failed)
          return
        }
      }
      results.append(Checks.that(name, true, expected: "right on all \(masks().count) pieces", got: "right on all"))
    }
    Harness.announce("encodeRuns on covered flags")
    let encoded = masks().map { learner.encodeRuns($0.1) }
    var at = 0
    first("rle-active-only") { what, mask in
      defer { at += 1 }
      let runs = encoded[at]
      let active = stride(from: 1, to: runs.count, by: 2).reduce(0) { $0 + Int(runs[$1]) }
      let covered = mask.filter { $0 }.count
      return active == covered
        ? nil
        : Checks.that(
          "rle-active-only", false, expected: "\(covered) active pixels (the covered ones) on \(what)",
          got: "runs \(Checks.preview(runs)) mark \(active) active")
    }
    at = 0
    first("rle-runs") { what, mask in
      defer { at += 1 }
      let expected = referenceEncodeRuns(mask)
      return encoded[at] == expected
        ? nil
        : Checks.that(
          "rle-runs", false, expected: "\(Checks.preview(expected)) on \(what) (\(mask.count) pixels)",
          got: Checks.preview(encoded[at]),
          detail: "maximal runs [empty, active, empty, active, …], an empty run first (0 when the first pixel is "
            + "covered), a trailing empty run as (n, 0)")
    }
    Harness.announce("decodeRuns of the reference's runs")
    first("rle-round-trip") { what, mask in
      let got = learner.decodeRuns(referenceEncodeRuns(mask))
      guard got != mask else { return nil }
      let firstBad = (0..<min(got.count, mask.count)).first { got[$0] != mask[$0] } ?? min(got.count, mask.count)
      return Checks.that(
        "rle-round-trip", false, expected: "the \(mask.count) covered flags of \(what) back",
        got: "\(got.count) flags, the first wrong at pixel \(firstBad)")
    }
    at = 0
    first("rle-bound") { what, mask in
      defer { at += 1 }
      let runs = encoded[at]
      let bytes = encodedBytes(runs, active: mask.filter { $0 }.count)
      let limit = mask.contains(true) ? bound(pixels: mask.count, bytesPerPixel: 8) : min(8, 8 * mask.count)
      return bytes <= limit
        ? nil
        : Checks.that(
          "rle-bound", false,
          expected: "at most \(limit) bytes for \(what) (\(mask.count) pixels of 8 bytes: raw + one 8-byte run pair; "
            + "an empty piece 8 bytes)",
          got: "\(bytes) bytes (\(runs.count) runs)")
    }
    results.forEach { report.add($0) }
    return results.allSatisfy(\.passed)
  }

  // MARK: Over

  static func checkOver(_ over: (Premultiplied, Premultiplied) -> Premultiplied, _ report: inout Report) -> Bool {
    let cases: [(Premultiplied, Premultiplied)] = [
      (Premultiplied(0.3, 0.1, 0.05, 0.5), Premultiplied(0.2, 0.6, 0.2, 0.8)),
      (Premultiplied(0, 0, 0, 0), Premultiplied(0.2, 0.6, 0.2, 0.8)),
      (Premultiplied(0.4, 0.2, 0.1, 0.4), Premultiplied(0, 0, 0, 0)),
      (Premultiplied(0.9, 0.5, 0.1, 1), Premultiplied(0.2, 0.6, 0.2, 0.8)),
      (Premultiplied(0.05, 0.1, 0.2, 0.25), Premultiplied(0.5, 0.5, 0.5, 0.5)),
    ]
    Harness.announce("over on five pairs")
    for (front, back) in cases {
      let expected = referenceOver(front, back)
      let got = over(front, back)
      if (0..<4).contains(where: { abs(got[$0] - expected[$0]) > 1e-5 }) {
        report.add(
          Checks.that(
            "over", false,
            expected: "\(expected) for \(front) over \(back) (premultiplied: front + back·(1 − front.a))",
            got: "\(got)"))
        return false
      }
    }
    report.add(Checks.that("over", true, expected: "front + back·(1 − front.a)", got: "right on 5 pairs"))
    return true
  }

  // MARK: Schedule

  static func checkSchedule(_ schedule: (Int, [Int]) -> [Round], _ report: inout Report) -> Bool {
    let cases: [[Int]] = [[2], [3], [2, 2], [4], [5], [2, 3], [3, 2], [2, 2, 2], [4, 2], [2, 3, 2]]
    Harness.announce("schedule for \(cases.count) factorisations")
    for factors in cases {
      let p = factors.reduce(1, *)
      for r in 0..<p {
        let expected = referenceSchedule(r, factors)
        let got = schedule(r, factors)
        if got != expected {
          report.add(
            Checks.that(
              "radix-k-schedule", false,
              expected: "rank \(r) of \(p), factors \(factors): " + expected.map(\.description).joined(separator: "; "),
              got: got.isEmpty ? "no rounds" : got.map(\.description).joined(separator: "; "),
              detail: "round i groups the ranks that differ only in digit i of the mixed radix (stride = product of "
                + "the earlier factors); keep = that digit"))
          return false
        }
      }
    }
    report.add(
      Checks.that(
        "radix-k-schedule", true, expected: "the mixed-radix groups", got: "right for \(cases.count) factorisations"))
    return true
  }

  // MARK: Radix-k on MPI

  /// The factorisations the checks run at `p` ranks: k = 2, k = 3 and k = P, without repeats.
  static func checkFactorisations(_ p: Int) -> [[Int]] {
    var seen: [[Int]] = []
    for k in [2, 3, max(p, 2)] where !seen.contains(factors(ranks: p, k: k)) { seen.append(factors(ranks: p, k: k)) }
    return seen
  }

  static func checkRadixK(_ learner: Learner, world: Communicator, report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let images = [
      ("the sphere scene", opaqueSplats(objects(rank: r, ranks: p), width: width, height: height)),
      ("an image full of depth ties", tiePattern(rank: r, ranks: p, width: width, height: height)),
    ]
    let learnerRLE = RLE<Pixels>.runs(learner.encodeRuns, learner.decodeRuns)
    var exact: CheckResult?
    var traffic: CheckResult?
    for factors in checkFactorisations(p) {
      for (what, image) in images {
        let colors = try world.gatherVarying(image.color)
        let depths = try world.gatherVarying(image.depth)
        let oracle = colors.map { c in serialZ(zip(c, depths!).map { Pixels(color: $0, depth: $1) }) }
        let link = Link(try world.duplicate())
        Harness.announce("radix-k with factors \(factors) on \(what)")
        let got = try radixK(
          image, link: link, schedule: learner.schedule(r, factors), rle: learnerRLE, blend: zBlend)
        let whole = try assemble(got, world: world, count: width * height)
        if let whole, let oracle, exact?.passed ?? true {
          switch whole {
          case .success(let parts): exact = compare(parts, oracle, factors: factors, what: what)
          case .failure(let problem):
            exact = Checks.that(
              "radix-k-exact", false, expected: "parts that cover the image once",
              got: "\(problem) (factors \(factors))")
          }
        }
        // The same run with the reference, for the traffic it should cause.
        let refLink = Link(try world.duplicate())
        _ = try radixK(image, link: refLink, schedule: referenceSchedule(r, factors), rle: fastRLE, blend: zBlend)
        let same =
          (link.bytesSent, link.messagesSent, link.bytesReceived, link.messagesReceived)
          == (refLink.bytesSent, refLink.messagesSent, refLink.bytesReceived, refLink.messagesReceived)
        if traffic?.passed ?? true {
          traffic = Checks.that(
            "radix-k-bytes", same,
            expected: "rank \(r), factors \(factors), \(what): sent \(refLink.bytesSent) B in \(refLink.messagesSent) "
              + "messages, received \(refLink.bytesReceived) B in \(refLink.messagesReceived)",
            got: "sent \(link.bytesSent) B in \(link.messagesSent), received \(link.bytesReceived) B in "
              + "\(link.messagesReceived)",
            detail: same ? nil : "each message: 8-byte header, 4 bytes per run, 8 per active pixel; Σ(f − 1) messages")
        }
      }
    }
    if let exact { report.add(exact) }
    if let traffic { report.add(traffic) }
  }

  /// Every rank's part gathered at rank 0 and laid out: at rank 0 the parts in image order,
  /// or why they are not a partition of the image; nil elsewhere.
  static func assemble<Image: CompositeImage>(
    _ part: (range: Range<Int>, pixels: Image), world: Communicator, count: Int
  ) throws -> Result<[Image], CheckFailure>? {
    let bounds = try world.gather([Int32(part.range.lowerBound), Int32(part.range.upperBound)])
    let parts = try gatherImages(part.pixels, world: world)
    guard let bounds, let parts else { return nil }
    let ranges = (0..<world.size).map { Int(bounds[2 * $0])..<Int(bounds[2 * $0 + 1]) }
    let sorted = ranges.indices.sorted { ranges[$0].lowerBound < ranges[$1].lowerBound }
    var at = 0
    for q in sorted where ranges[q].lowerBound == at && parts[q].count == ranges[q].count { at = ranges[q].upperBound }
    guard at == count else {
      return .failure(
        CheckFailure(
          "the ranks' parts \(ranges.map { "\($0)" }.joined(separator: ", ")) do not cover pixels 0..<\(count) once"))
    }
    return .success(sorted.map { parts[$0] })
  }

  /// Every rank's image at rank 0.
  static func gatherImages<Image: CompositeImage>(_ image: Image, world: Communicator) throws -> [Image]? {
    if let p = image as? Pixels {
      let c = try world.gatherVarying(p.color)
      let d = try world.gatherVarying(p.depth)
      return c.map { c in zip(c, d!).map { Pixels(color: $0, depth: $1) as! Image } }
    }
    let t = image as! Translucent
    return try world.gatherVarying(t.rgba)?.map { Translucent(rgba: $0) as! Image }
  }

  /// The parts, in image order, against the oracle, pixel for pixel.
  static func compare(_ parts: [Pixels], _ oracle: Pixels, factors: [Int], what: String) -> CheckResult {
    let got = Pixels(color: parts.flatMap(\.color), depth: parts.flatMap(\.depth))
    let differing = (0..<oracle.count).filter { got.color[$0] != oracle.color[$0] || got.depth[$0] != oracle.depth[$0] }
    guard let first = differing.first else {
      return Checks.that(
        "radix-k-exact", true, expected: "the serial z-composite, pixel for pixel",
        got: "equal for every factorisation and image")
    }
    return Checks.that(
      "radix-k-exact", false,
      expected: "the serial z-composite (nearest wins, the lowest rank on equal depth), pixel for pixel",
      got: "\(differing.count) of \(oracle.count) pixels differ with factors \(factors) on \(what)",
      detail: String(
        format: "first at (x %d, y %d): expected #%08x at depth %g, got #%08x at depth %g", first % width,
        first / width, oracle.color[first], oracle.depth[first], got.color[first], got.depth[first]))
  }

  // MARK: Ordered over

  static func checkOrderedOver(_ learner: Learner, world: Communicator, report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let mine = translucentSplats(visibilityParts(ranks: p)[r], width: width, height: height)
    let all = try world.gatherVarying(mine.rgba)
    let oracle = all.map { serialOver($0.map { Translucent(rgba: $0) }) }
    let learnerRLE = RLE<Translucent>.runs(learner.encodeRuns, learner.decodeRuns)
    var result: CheckResult?
    for factors in checkFactorisations(p) {
      let link = Link(try world.duplicate())
      Harness.announce("ordered over, radix-k with factors \(factors)")
      let got = try radixK(
        mine, link: link, schedule: learner.schedule(r, factors), rle: learnerRLE, blend: overBlend(learner.over))
      guard let assembled = try assemble(got, world: world, count: width * height), let oracle else { continue }
      guard case .success(let parts) = assembled else {
        if result?.passed ?? true {
          result = Checks.that("ordered-over", false, expected: "parts that cover the image once", got: "\(assembled)")
        }
        continue
      }
      let whole = Translucent(rgba: parts.flatMap(\.rgba)).levels
      let expected = oracle.levels
      let worst = zip(whole, expected).map { abs(Int($0) - Int($1)) }.max() ?? 0
      if result?.passed ?? true {
        result = Checks.that(
          "ordered-over", worst <= 1,
          expected: "the serial back-to-front over of the ranks' images in k-d visibility order, within ±1 of 255",
          got: "largest difference \(worst) level\(worst == 1 ? "" : "s") (factors \(factors))")
      }
    }
    if let result { report.add(result) }
  }
}
